// Compiles the JSON Schemas in schemas/ into standalone validator code (no schema compilation
// at run time, so the CLI, workers and the language server start fast).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = path.join(root, 'schemas');
const outDir = path.join(root, 'server', 'src', 'service', 'schema', 'generated');

const readSchema = (relative) => JSON.parse(fs.readFileSync(path.join(schemaDir, relative), 'utf8'));

const exported = {
  validateConfig: 'vsphere-csi-config.schema.json',
  validateStorageClass: 'kubernetes/storageclass.schema.json',
  validatePersistentVolumeClaim: 'kubernetes/persistentvolumeclaim.schema.json',
  validateStatefulSet: 'kubernetes/statefulset.schema.json',
  validateVolumeSnapshotClass: 'kubernetes/volumesnapshotclass.schema.json',
  validateVolumeSnapshot: 'kubernetes/volumesnapshot.schema.json',
  validateFeatureStates: 'kubernetes/featurestates.schema.json',
};

const schemas = [readSchema('kubernetes/common.schema.json'), ...Object.values(exported).map(readSchema)];
const ajv = new Ajv.default({ code: { source: true }, allErrors: true, strict: true, strictRequired: false, schemas });
const mapping = Object.fromEntries(Object.entries(exported).map(([name, file]) => [name, readSchema(file).$id]));
const source = standaloneCode.default(ajv, mapping);

// Allowed property names per location, for did-you-mean on unknown fields ("*" = any item/key).
const common = readSchema('kubernetes/common.schema.json');
function resolveRef(node) {
  while (node && node.$ref) {
    const [file, pointer] = node.$ref.split('#');
    const base = file ? readSchema(path.join('kubernetes', file)) : common;
    node = pointer.split('/').filter(Boolean).reduce((n, part) => n?.[part], base);
  }
  return node;
}
function collectKeys(node, at, out, depth = 0) {
  node = resolveRef(node);
  if (!node || depth > 12) return;
  if (node.properties) {
    out[at] = Object.keys(node.properties);
    for (const [key, child] of Object.entries(node.properties)) collectKeys(child, `${at}/${key}`, out, depth + 1);
  }
  if (node.items) collectKeys(node.items, `${at}/*`, out, depth + 1);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') collectKeys(node.additionalProperties, `${at}/*`, out, depth + 1);
}
const allowedKeys = Object.fromEntries(
  Object.entries(exported).map(([name, file]) => {
    const out = {};
    collectKeys(readSchema(file), '', out);
    return [name, out];
  }),
);

// What each validator reads of the object, so the schema check converts only that to plain data
// (see objectData in server/src/service/rules/schema.ts). A shape is `true` (the validator may read
// the whole value) or { props, rest, items }: for a mapping, `props` gives the shape of each key's
// value and `rest` says whether other keys are read at all (false: the validator never looks at
// them); for a sequence, `items` the shape of every item (absent: whole items). Only keywords known
// to read nothing but the listed properties, the item list and the value itself give a narrower
// shape; any other keyword (enum, const, combinators, patternProperties, additionalProperties
// schemas, minProperties, ...) makes the value whole.
const SHAPE_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'description', 'title', '$schema', '$id', '$comment',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'format', 'minItems', 'maxItems',
]);
// `base`: the schema file `node` is in (for `#/...` references); `dir`: that file's folder.
function dataShape(node, base, dir, depth = 0) {
  while (node && typeof node === 'object' && node.$ref) {
    if (Object.keys(node).some((key) => key !== '$ref' && key !== 'description' && key !== '$comment')) return true;
    const [file, pointer = ''] = node.$ref.split('#');
    if (file) {
      base = readSchema(path.join(dir, file));
      dir = path.dirname(path.join(dir, file));
    }
    node = pointer.split('/').filter(Boolean).reduce((n, part) => n?.[part], base);
  }
  if (!node || typeof node !== 'object' || Array.isArray(node) || depth > 12) return true;
  if (Object.keys(node).some((key) => !SHAPE_KEYWORDS.has(key))) return true;
  if (node.additionalProperties !== undefined && typeof node.additionalProperties !== 'boolean') return true;
  if (node.items !== undefined && (typeof node.items !== 'object' || Array.isArray(node.items))) return true;
  const props = {};
  for (const [key, child] of Object.entries(node.properties ?? {})) props[key] = dataShape(child, base, dir, depth + 1);
  for (const key of node.required ?? []) if (!Object.hasOwn(props, key)) props[key] = true;
  const shape = { props, rest: node.additionalProperties === false };
  if (node.items !== undefined) {
    const items = dataShape(node.items, base, dir, depth + 1);
    if (items !== true) shape.items = items;
  }
  return shape;
}
const dataShapes = Object.fromEntries(Object.entries(exported).map(([name, file]) => [name, dataShape(readSchema(file), readSchema(file), path.dirname(file))]));

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'dataShapes.cjs'), `// Generated by scripts/build-schemas.mjs. Do not edit.\nmodule.exports = ${JSON.stringify(dataShapes, null, 1)};\n`);
fs.writeFileSync(
  path.join(outDir, 'dataShapes.d.cts'),
  [
    '// Generated by scripts/build-schemas.mjs. Do not edit.',
    'declare namespace dataShapes {',
    '  type DataShape = true | { props: Record<string, DataShape>; rest: boolean; items?: DataShape };',
    '}',
    'declare const dataShapes: Record<string, dataShapes.DataShape>;',
    'export = dataShapes;',
    '',
  ].join('\n'),
);
fs.writeFileSync(path.join(outDir, 'allowedKeys.cjs'), `// Generated by scripts/build-schemas.mjs. Do not edit.\nmodule.exports = ${JSON.stringify(allowedKeys, null, 1)};\n`);
fs.writeFileSync(
  path.join(outDir, 'allowedKeys.d.cts'),
  '// Generated by scripts/build-schemas.mjs. Do not edit.\ndeclare const allowedKeys: Record<string, Record<string, string[]>>;\nexport = allowedKeys;\n',
);
fs.writeFileSync(path.join(outDir, 'validators.cjs'), `// Generated by scripts/build-schemas.mjs from schemas/. Do not edit.\n${source}\n`);
const declarations = [
  '// Generated by scripts/build-schemas.mjs. Do not edit.',
  'export interface SchemaError { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }',
  'export interface Validator { (data: unknown): boolean; errors?: SchemaError[] | null }',
  ...Object.keys(exported).map((name) => `export declare const ${name}: Validator;`),
  '',
].join('\n');
fs.writeFileSync(path.join(outDir, 'validators.d.cts'), declarations);
console.log(`schemas: ${Object.keys(exported).length} validators -> ${path.relative(root, outDir)}`);
