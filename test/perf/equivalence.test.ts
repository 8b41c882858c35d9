// Faster paths must give exactly what the plain ones give:
// - parseDocumentChunk, which tells the parser where the chunk starts, = slicing the chunk out,
//   parsing it and shifting every token offset afterwards (how it was done before);
// - the schema check's plain-data conversion = yaml's toJS;
// - closestMatches with its length filter and bounded distance = the plain computation.
import { inspect, isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Composer, parseAllDocuments, Parser, type Document } from 'yaml';
import { parseYamlDocuments, splitDocumentChunks, YAML_OPTIONS } from '../../server/src/service/parse.js';
import { objectData, type DataShape } from '../../server/src/service/rules/schema.js';
import dataShapes from '../../server/src/service/schema/generated/dataShapes.cjs';
import * as validators from '../../server/src/service/schema/generated/validators.cjs';
import { boundedEditDistance, closestMatches, editDistance } from '../../server/src/service/util/similarity.js';
import { generatedCorpus, repositoryTrees } from './helpers.js';

const trees = [...repositoryTrees(), generatedCorpus(80, '3')];
const yamlTexts = trees.flatMap((t) => t.files.filter((f) => /\.ya?ml$/i.test(f.uri)).map((f) => f.text));

/** Everything a parsed document holds (nodes, ranges, comments, errors, directives), as text. */
function dump(docs: readonly Document.Parsed[]): string {
  const seen = new Set<unknown>();
  const walk = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return typeof x === 'symbol' ? String(x) : x;
    if (Array.isArray(x)) return x.map(walk);
    if (seen.has(x)) return '<seen>';
    seen.add(x);
    const out: Record<string, unknown> = { constructor: (x as object).constructor?.name };
    for (const key of Object.keys(x).sort()) if (key !== 'schema' && key !== 'options') out[key] = walk((x as Record<string, unknown>)[key]);
    if (x instanceof Error) Object.assign(out, { message: x.message });
    seen.delete(x);
    return out;
  };
  return JSON.stringify(docs.map(walk));
}

const PIECES = [
  '---', '--- ', '--- # c', '---\t', '--- a', '--- |', '---x', '...', '... # x', '%YAML 1.1', '%YAML 1.2', '%TAG ! tag:x,2000:', '# comment', '', '  ', '#!x',
  'a: 1', 'b: "x', "c: 'y", '  - z', '- q', 'k: |', 'k: |+', 'k: >', '  lit', 'm: >-', '  folded', '[a, b', '{x: 1', '}', ']', 'key: &a v', 'ref: *a',
  'ref2: *nope', 'r3: [*a, *a]', 'r4: {k: *a}', 'key2: &a [v]', '? complex', ': val', 'kind: StorageClass', 'x:\ty', '\ta: 1', 'dup: 1', 'dup: 2', '  nested: 3', 'a: "multi', '  line"', '"q": x',
  'a: b: c', '!!str s', 'tag: !foo bar', '  blk', '\uFEFFa: 1', 'a:  # c', '   # indented comment', 'a: [1, 2]', 'a: {b: c}', '- - x', 'x: @bad',
  "y: 'it''s'", '- a: 1', '  b: 2', 'l: !!binary aGk=', 'd: 2001-12-14', '<<: *a', 's: !!set {a, b}', 'o: !!omap [a: 1]', '[a, b]: c', '? [x]\n: y',
];
const lines = fc.array(fc.constantFrom(...PIECES), { maxLength: 16 });
const texts = fc.tuple(lines, fc.boolean(), fc.boolean()).map(([parts, crlf, eol]) => parts.join(crlf ? '\r\n' : '\n') + (eol ? '\n' : ''));

/** The chunked parse as it was: parse the slice, then add the chunk's start to every token offset. */
function shiftedParse(text: string): Document.Parsed[] {
  const shift = (token: object, delta: number) => {
    const stack: unknown[] = [token];
    while (stack.length > 0) {
      const current = stack.pop();
      if (Array.isArray(current)) {
        for (const item of current) if (item && typeof item === 'object') stack.push(item);
        continue;
      }
      const record = current as Record<string, unknown>;
      for (const key in record) {
        const value = record[key];
        if (key === 'offset' && typeof value === 'number') record[key] = value + delta;
        else if (value && typeof value === 'object') stack.push(value);
      }
    }
  };
  return splitDocumentChunks(text).flatMap((chunk) => {
    const tokens = [...new Parser().parse(text.slice(chunk.start, chunk.end))];
    if (chunk.start !== 0) for (const token of tokens) shift(token, chunk.start);
    return [...new Composer(YAML_OPTIONS).compose(tokens, true, chunk.end)] as Document.Parsed[];
  });
}

describe('parseYamlDocuments / parseDocumentChunk', () => {
  it('give the shifted chunk parse on the examples, fixtures and a generated corpus', () => {
    expect(yamlTexts.length).toBeGreaterThan(50);
    for (const text of yamlTexts) expect(dump(parseYamlDocuments(text))).toBe(dump(shiftedParse(text)));
  });

  it('give the shifted chunk parse on generated text, valid or not', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(dump(parseYamlDocuments(text))).toBe(dump(shiftedParse(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('handle the empty text and lone markers', () => {
    for (const text of ['', '\n', '---', '---\n', '# only\n', '...\n', '\uFEFF---\na: 1\n']) expect(dump(parseYamlDocuments(text))).toBe(dump(shiftedParse(text)));
  });
});

/** toJS and objectData agree: same value, same key order, same types (Date, Uint8Array, NaN). */
function expectSameData(node: Parameters<typeof objectData>[0], doc: Document.Parsed): void {
  let expected: unknown;
  let expectedError: string | undefined;
  try {
    expected = node.toJS(doc, { maxAliasCount: 100 });
  } catch (error) {
    expectedError = (error as Error).message;
  }
  if (expectedError !== undefined) {
    expect(() => objectData(node, doc)).toThrow(expectedError);
    return;
  }
  const actual = objectData(node, doc);
  expect(isDeepStrictEqual(actual, expected)).toBe(true);
  expect(inspect(actual, { depth: Infinity })).toBe(inspect(expected, { depth: Infinity }));
}

describe('the schema check’s plain-data conversion', () => {
  it('gives toJS on every document of the examples, fixtures and a generated corpus', () => {
    let count = 0;
    for (const text of yamlTexts) {
      for (const doc of parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[]) {
        if (doc.errors.length > 0 || !doc.contents) continue;
        expectSameData(doc.contents, doc);
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  it('gives toJS on generated YAML (anchors, merge keys, tags, complex keys, duplicates)', () => {
    fc.assert(
      fc.property(texts, (text) => {
        for (const doc of parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[]) {
          if (!doc.contents) continue;
          expectSameData(doc.contents, doc);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('gives toJS on the special cases', () => {
    const cases = [
      'a: &x {b: 1}\nc: *x\n', 'base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n', '"<<": 1\n', '? [a]\n: 1\n', '? {a: 1}\n: 2\n', '1: a\ntrue: b\n~: c\n',
      '__proto__: 1\nconstructor: 2\ntoString: 3\n', 'd: 2001-12-14\nt: 2001-12-14t21:59:43.10-05:00\n', 'b: !!binary aGk=\n', 's: !!set {a, b}\n',
      'o: !!omap [a: 1, b: 2]\n', 'p: !!pairs [a: 1]\n', 'm: !!map {a: 1}\n', 'q: [a: 1, b]\n', 'n: .nan\ni: -.inf\no: 0o17\nx: 0x1f\ns: 1:30\n',
      'big: 123456789012345678901234567890\n', 'e:\nf: !custom v\n', 'a: &a 1\nb: *a\n',
      'l: &l {x: 1}\nm: *l\nn: [*l, *l]\n', 'e: &e {}\nf: *e\n', 's: &s [1, 2]\nt: *s\n', 'c: &c {d: *c}\n', 'x: &x [*x]\n',
      'a: &a 1\nb: &a 2\nc: *a\n', 'o: &o {p: &p 1, q: *p}\nr: *o\n', `a: &a [x]\nb: [${Array(30).fill('*a').join(', ')}]\n`,
      `a: &a [x]\nb: [${Array(120).fill('*a').join(', ')}]\n`, 'a: &a {k: v}\nb: {<<: *a}\n', '? &k key\n: v\nz: *k\n',
    ];
    for (const text of cases) {
      for (const doc of parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[]) {
        if (doc.contents) expectSameData(doc.contents, doc);
      }
    }
  });
});

/** Every validator gives the same verdict and errors on the data its shape keeps as on the whole data. */
function expectSameValidation(node: Parameters<typeof objectData>[0], doc: Document.Parsed): void {
  for (const [name, validate] of Object.entries(validators)) {
    if (!name.startsWith('validate')) continue;
    const shape = (dataShapes as Record<string, DataShape>)[name];
    expect(shape).toBeDefined();
    let whole: unknown;
    try {
      whole = objectData(node, doc);
    } catch (error) {
      expect(() => objectData(node, doc, shape)).toThrow((error as Error).message);
      continue;
    }
    const ok = validate(whole);
    const errors = JSON.stringify(validate.errors ?? null);
    expect(validate(objectData(node, doc, shape))).toBe(ok);
    expect(JSON.stringify(validate.errors ?? null)).toBe(errors);
  }
}

describe('the schema check’s data shapes', () => {
  it('narrow some validators (the StatefulSet one reads no pod template)', () => {
    const shape = (dataShapes as Record<string, DataShape>).validateStatefulSet;
    expect(shape).not.toBe(true);
    expect(shape !== true && shape.props.spec !== true && !shape.props.spec!.rest).toBe(true);
  });

  it('give the validators’ results of the whole data on the examples, fixtures and a generated corpus', () => {
    let count = 0;
    for (const text of yamlTexts) {
      for (const doc of parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[]) {
        if (doc.errors.length > 0 || !doc.contents) continue;
        expectSameValidation(doc.contents, doc);
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  it('give the validators’ results of the whole data with odd YAML in the parts they skip or read', () => {
    const indent = (lines: string[], by: string) => lines.map((line) => by + line.replace(/\n/g, '\n' + by)).join('\n');
    const skeleton = (body: string[]) =>
      [
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata:',
        '  name: db',
        indent(body, '  '),
        'spec:',
        '  replicas: 2',
        '  template:',
        indent(body, '    '),
        '  volumeClaimTemplates:',
        '    - metadata: {name: data}',
        '      spec:',
        '        accessModes: [ReadWriteOnce]',
        indent(body, '        '),
        'status:',
        indent(body, '  '),
        'data:',
        indent(body, '  '),
        'parameters:',
        indent(body, '  '),
      ].join('\n') + '\n';
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES.filter((piece) => !piece.startsWith('---') && !piece.startsWith('%'))), { maxLength: 6 }), (body) => {
        for (const doc of parseAllDocuments(skeleton(body), YAML_OPTIONS) as Document.Parsed[]) {
          if (doc.contents) expectSameValidation(doc.contents, doc);
        }
      }),
      { numRuns: 800 },
    );
  });
});

/** closestMatches as it was before the length filter and the bounded distance. */
function plainEditDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      current.push(value);
    }
    prevPrev = prev;
    prev = current;
  }
  return prev[b.length]!;
}

function plainClosestMatches(input: string, candidates: readonly string[], options: { ignoreCase?: boolean; max?: number } = {}): string[] {
  const normalise = (s: string) => (options.ignoreCase ? s.toLowerCase() : s);
  const needle = normalise(input.trim());
  const limit = Math.max(2, Math.floor(Math.max(needle.length, 1) / 3));
  const scored: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of candidates) {
    const target = normalise(candidate);
    if (target === needle && candidate === input) continue;
    let distance = plainEditDistance(needle, target);
    if (distance > limit && (target.includes(needle) || needle.includes(target)) && needle.length >= 4) distance = limit;
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, options.max ?? 3).map((s) => s.candidate);
}

describe('closestMatches and editDistance', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '-', '.', 'x', ' '), maxLength: 14 });
  it('editDistance is the plain optimal-string-alignment distance, and the bounded one agrees up to its limit', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 8 }), (a, b, limit) => {
        const exact = plainEditDistance(a, b);
        expect(editDistance(a, b)).toBe(exact);
        const bounded = boundedEditDistance(a, b, limit);
        if (exact <= limit) expect(bounded).toBe(exact);
        else expect(bounded).toBeGreaterThan(limit);
      }),
      { numRuns: 5000 },
    );
  });

  it('closestMatches picks what the plain computation picks', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 40 }), fc.boolean(), fc.integer({ min: 1, max: 5 }), (input, candidates, ignoreCase, max) => {
        expect(closestMatches(input, candidates, { ignoreCase, max })).toEqual(plainClosestMatches(input, candidates, { ignoreCase, max }));
      }),
      { numRuns: 3000 },
    );
  });
});
