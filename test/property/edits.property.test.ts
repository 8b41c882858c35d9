// Fix edits on generated maps: every result parses, and the data changes exactly as intended.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument, isMap, type YAMLMap } from 'yaml';
import { appendPair, applyEdits, removePair, renameKey, replaceScalarValue } from '../../server/src/service/yaml/edits.js';
import { findPair } from '../../server/src/service/yaml/ast.js';

const RUNS = 300;
const parse = (text: string) => parseDocument(text, { version: '1.1', uniqueKeys: false });

/** Plain words YAML 1.1 reads as booleans or null. */
const YAML11_SPECIAL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

const keyArb = fc.oneof(
  fc.constantFrom('storagepolicyname', 'datastoreurl', 'csi.storage.k8s.io/fstype', 'fstype', 'a', 'b-c', 'x_y'),
  // Only words YAML 1.1 reads back as the same string (the `yaml` package even reads `e0` as a float).
  fc.stringMatching(/^[a-z][a-zA-Z0-9./-]{0,12}$/).filter((k) => parseDocument(k, { version: '1.1' }).toJS() === k),
);
/** Values as users write them: any text, which the generator quotes as needed. */
const valueArb = fc.oneof(fc.constantFrom('Gold', 'yes', 'off', '10', '1e3', 'a: b', '#x', '', ' lead', 'it\'s', 'say "hi"', 'two\nlines', '{{x}}', '😀'), fc.string({ maxLength: 12 }));
const styleArb = fc.constantFrom<'plain' | 'double' | 'single'>('plain', 'double', 'single');

function scalar(value: string, style: 'plain' | 'double' | 'single'): string {
  if (style === 'single' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (style === 'plain' && /^[A-Za-z][A-Za-z0-9 _.-]*$/.test(value) && !YAML11_SPECIAL.test(value) && !/\s$/.test(value)) return value;
  return JSON.stringify(value);
}

const mapArb = fc.record({
  pairs: fc.uniqueArray(fc.tuple(keyArb, valueArb, styleArb, fc.boolean()), { minLength: 1, maxLength: 5, selector: (p) => p[0] }),
  indent: fc.constantFrom(2, 4),
  crlf: fc.boolean(),
  flow: fc.boolean(),
  finalNewline: fc.boolean(),
});

function build({ pairs, indent, crlf, flow, finalNewline }: { pairs: Array<[string, string, 'plain' | 'double' | 'single', boolean]>; indent: number; crlf: boolean; flow: boolean; finalNewline: boolean }) {
  const nl = crlf ? '\r\n' : '\n';
  let body: string;
  if (flow) {
    body = `parameters: {${pairs.map(([k, v, s]) => `${k}: ${scalar(v, s)}`).join(', ')}}${nl}`;
  } else {
    body = `parameters:${nl}${pairs.map(([k, v, s, comment]) => `${' '.repeat(indent)}${k}: ${scalar(v, s)}${comment ? ' # note' : ''}${nl}`).join('')}`;
  }
  const text = `kind: StorageClass${nl}${body}reclaimPolicy: Delete${finalNewline ? nl : ''}`;
  return text;
}

function parameters(text: string) {
  const doc = parse(text);
  expect(doc.errors).toEqual([]);
  const map = doc.get('parameters', true);
  if (!isMap(map)) throw new Error('parameters is not a map');
  return { doc, map: map as YAMLMap };
}

const data = (text: string) => parse(text).toJS() as { parameters: Record<string, unknown> | null; reclaimPolicy: string; kind: string };

describe('edits on generated maps', () => {
  it('removePair removes exactly that pair', () => {
    fc.assert(
      fc.property(mapArb, fc.nat(), (spec, pick) => {
        const text = build(spec);
        const { map } = parameters(text);
        const [key] = spec.pairs[pick % spec.pairs.length]!;
        const edit = removePair(text, map, findPair(map, key)!);
        expect(edit).toBeDefined();
        const result = applyEdits(text, [edit!]).text;
        expect(parse(result).errors).toEqual([]);
        const expected = { ...(data(text).parameters ?? {}) };
        delete expected[key];
        expect(data(result).parameters ?? {}).toEqual(expected);
        expect(data(result).reclaimPolicy).toBe('Delete');
        if (spec.crlf) expect(result.replace(/\r\n/g, '')).not.toContain('\n');
      }),
      { numRuns: RUNS },
    );
  });

  it('appendPair adds exactly one pair with the value as given', () => {
    fc.assert(
      fc.property(mapArb, keyArb, valueArb, (spec, key, value) => {
        fc.pre(!spec.pairs.some(([k]) => k === key));
        const text = build(spec);
        const { map } = parameters(text);
        const edit = appendPair(text, map, key, value);
        expect(edit).toBeDefined();
        const result = applyEdits(text, [edit!]).text;
        expect(parse(result).errors).toEqual([]);
        expect(data(result).parameters).toEqual({ ...data(text).parameters, [key]: value });
        expect(data(result).reclaimPolicy).toBe('Delete');
      }),
      { numRuns: RUNS },
    );
  });

  it('renameKey and replaceScalarValue change one key or value and keep its quote style', () => {
    fc.assert(
      fc.property(mapArb, fc.nat(), keyArb, valueArb, (spec, pick, newKey, newValue) => {
        const text = build(spec);
        const { map } = parameters(text);
        const [key, oldValue, style] = spec.pairs[pick % spec.pairs.length]!;
        fc.pre(!spec.pairs.some(([k]) => k === newKey));
        const pair = findPair(map, key)!;
        const renamed = applyEdits(text, [renameKey(pair, newKey)!]).text;
        expect(parse(renamed).errors).toEqual([]);
        const before = data(text).parameters!;
        const afterRename = data(renamed).parameters!;
        expect(Object.keys(afterRename)).toEqual(Object.keys(before).map((k) => (k === key ? newKey : k)));

        const valueEdit = replaceScalarValue(pair.value as never, newValue, text)!;
        const replaced = applyEdits(text, [valueEdit]).text;
        expect(parse(replaced).errors).toEqual([]);
        expect(data(replaced).parameters).toEqual({ ...before, [key]: newValue });
        const written = valueEdit.newText;
        const wasSingle = scalar(oldValue, style).startsWith("'");
        const wasDouble = scalar(oldValue, style).startsWith('"');
        if (wasSingle && !/[\n\r]/.test(newValue)) expect(written.startsWith("'")).toBe(true);
        if (wasDouble) expect(written.startsWith('"')).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
