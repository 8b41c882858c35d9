// Maps ajv errors (JSON pointers into plain data) back onto YAML nodes, so a schema finding
// points at the offending key or value rather than at the whole document.
import { isMap, isScalar, type Document, type Node } from 'yaml';
import { asMap, deref, findPair, getNode, nodeSpan } from '../yaml/ast.js';
import { closestMatches } from '../util/similarity.js';
import type { SchemaError } from './generated/validators.cjs';

export interface SchemaProblem {
  message: string;
  start: number;
  end: number;
  /** For unknown keys: the key and the keys that are allowed there. */
  unknownKey?: { key: string; keyNode: Node; allowed: string[] };
  path: string;
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describePath(path: Array<string | number>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') || '(document)';
}

/**
 * `allowedKeys` lists, per JSON pointer pattern, the keys a mapping may have, so unknown keys can
 * get a did-you-mean. Only the first error per location is kept: ajv reports one per branch.
 */
export function schemaErrorsToProblems(
  errors: readonly SchemaError[],
  root: Node,
  doc: Document,
  allowedKeysAt: (path: Array<string | number>) => string[] = () => [],
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // oneOf/anyOf summaries repeat what their branches said in a less useful way.
    if (error.keyword === 'if') continue;
    const path = pointerToPath(error.instancePath);
    const target = getNode(root, path, doc) ?? root;
    const where = describePath(path);
    let span = nodeSpan(target) ?? [0, 0];
    let message: string;
    let unknownKey: SchemaProblem['unknownKey'];
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String(error.params.additionalProperty);
        const pair = findPair(asMap(target, doc), key);
        span = nodeSpan(pair?.key as Node) ?? span;
        const allowed = allowedKeysAt(path);
        const guesses = closestMatches(key, allowed);
        message = `Unknown field "${key}" in ${where}.${guesses.length ? ` Did you mean "${guesses[0]}"?` : ''}`;
        if (pair) unknownKey = { key, keyNode: pair.key as Node, allowed };
        break;
      }
      case 'required': {
        const missing = String(error.params.missingProperty);
        const mapNode = deref(target, doc);
        span = isMap(mapNode) && mapNode.items[0] ? nodeSpan(mapNode.items[0].key as Node) ?? span : span;
        message = `${where === '(document)' ? 'The object' : where} is missing required field "${missing}".`;
        break;
      }
      case 'type': {
        const expected = String(error.params.type).replace(',', ' or ');
        const shown = isScalar(target) ? ` (found ${JSON.stringify(target.value)})` : '';
        message = `${where} must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}${shown}.${expected === 'string' && isScalar(target) && typeof target.value !== 'string' ? ' Quote the value.' : ''}`;
        break;
      }
      case 'enum': {
        const allowed = (error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
        const shown = isScalar(target) ? JSON.stringify(target.value) : 'this value';
        message = `${where} is ${shown}; allowed values are ${allowed}.`;
        break;
      }
      case 'const':
        message = `${where} must be ${JSON.stringify(error.params.allowedValue)}.`;
        break;
      case 'oneOf':
        message = `${where} must set exactly one of the alternatives the schema allows.`;
        break;
      default:
        message = `${where} ${error.message ?? 'is invalid'}.`;
    }
    const dedupeKey = `${span[0]}:${span[1]}:${error.keyword}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    problems.push({ message, start: span[0], end: span[1], path: where, ...(unknownKey ? { unknownKey } : {}) });
  }
  return problems;
}
