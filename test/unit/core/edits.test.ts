// Fix edits change only the bytes of the key or value they are about: comments, quoting,
// indentation and line endings elsewhere survive, and every result still parses.
import { describe, expect, it } from 'vitest';
import { parseDocument, type Document, type YAMLMap } from 'yaml';
import { appendPair, applyEdits, insertCommentAbove, removePair, renameKey, replaceScalarValue } from '../../../server/src/service/yaml/edits.js';
import { asMap, findPair, getNode } from '../../../server/src/service/yaml/ast.js';
import type { TextEdit } from '../../../server/src/service/types.js';

const parse = (text: string) => parseDocument(text, { version: '1.1' });

function mapAt(doc: Document, path: Array<string | number>): YAMLMap {
  const map = asMap(path.length ? getNode(doc.contents, path, doc) : doc.contents, doc);
  if (!map) throw new Error(`no map at ${path.join('.')}`);
  return map;
}

/** Applies one edit, checks that the result parses cleanly and that nothing outside the edit moved. */
function apply(text: string, edit: TextEdit | undefined): string {
  expect(edit).toBeDefined();
  const result = applyEdits(text, [edit!]);
  expect(result.skipped).toEqual([]);
  expect(result.text.slice(0, edit!.start)).toBe(text.slice(0, edit!.start));
  expect(result.text.slice(edit!.start + edit!.newText.length)).toBe(text.slice(edit!.end));
  expect(parse(result.text).errors).toEqual([]);
  return result.text;
}

const rename = (text: string, path: Array<string | number>, key: string, to: string) => {
  const doc = parse(text);
  return apply(text, renameKey(findPair(mapAt(doc, path), key)!, to));
};
const replace = (text: string, path: Array<string | number>, value: string) => {
  const doc = parse(text);
  return apply(text, replaceScalarValue(getNode(doc.contents, path, doc)!, value, text));
};
const remove = (text: string, path: Array<string | number>, key: string) => {
  const doc = parse(text);
  const map = mapAt(doc, path);
  return apply(text, removePair(text, map, findPair(map, key)!));
};
const append = (text: string, path: Array<string | number>, key: string, value: string) => {
  const doc = parse(text);
  return apply(text, appendPair(text, mapAt(doc, path), key, value));
};

describe('renameKey', () => {
  it('keeps plain, double and single quoting', () => {
    expect(rename('p:\n  storagePolicy: Gold # tier\n', ['p'], 'storagePolicy', 'storagepolicyname')).toBe('p:\n  storagepolicyname: Gold # tier\n');
    expect(rename('p:\n  "storagePolicy": Gold\n', ['p'], 'storagePolicy', 'storagepolicyname')).toBe('p:\n  "storagepolicyname": Gold\n');
    expect(rename("p:\n  'storagePolicy': Gold\n", ['p'], 'storagePolicy', 'storagepolicyname')).toBe("p:\n  'storagepolicyname': Gold\n");
  });

  it('quotes a new key that would not be a plain key', () => {
    expect(rename('p:\n  a: 1\n', ['p'], 'a', 'x: y')).toBe('p:\n  "x: y": 1\n');
    expect(rename("p:\n  'a': 1\n", ['p'], 'a', "it's")).toBe("p:\n  'it''s': 1\n");
  });

  it('works in flow maps', () => {
    expect(rename('p: {storagePolicy: Gold, b: 1}\n', ['p'], 'storagePolicy', 'storagepolicyname')).toBe('p: {storagepolicyname: Gold, b: 1}\n');
  });
});

describe('replaceScalarValue', () => {
  it('keeps the quote style and a trailing comment', () => {
    expect(replace('fstype: "EXT4" # uppercase\n', ['fstype'], 'ext4')).toBe('fstype: "ext4" # uppercase\n');
    expect(replace("fstype: 'EXT4'\n", ['fstype'], 'ext4')).toBe("fstype: 'ext4'\n");
    expect(replace('fstype: EXT4\n', ['fstype'], 'ext4')).toBe('fstype: ext4\n');
  });

  it('quotes plain values YAML 1.1 would read as something other than a string', () => {
    expect(replace('a: x\n', ['a'], 'yes')).toBe('a: "yes"\n');
    expect(replace('a: x\n', ['a'], 'off')).toBe('a: "off"\n');
    expect(replace('a: x\n', ['a'], '10')).toBe('a: "10"\n');
    expect(replace('a: x\n', ['a'], 'a: b')).toBe('a: "a: b"\n');
  });

  it('escapes inside quotes', () => {
    expect(replace("a: 'x'\n", ['a'], "it's")).toBe("a: 'it''s'\n");
    expect(replace('a: "x"\n', ['a'], 'say "hi"')).toBe('a: "say \\"hi\\""\n');
  });

  it('never writes a block scalar in place, and replaces one without eating the next line', () => {
    expect(replace('a: x\nb: 1\n', ['a'], 'multi\nline')).toBe('a: "multi\\nline"\nb: 1\n');
    expect(replace('a: |\n  old\nb: 1\n', ['a'], 'new')).toBe('a: new\nb: 1\n');
    expect(replace('a: >-\r\n  old\r\nb: 1\r\n', ['a'], 'new')).toBe('a: new\r\nb: 1\r\n');
  });

  it('changes a value inside a sequence item', () => {
    expect(replace('spec:\n  accessModes:\n    - ReadWriteMany # shared\n', ['spec', 'accessModes', 0], 'ReadWriteOnce')).toBe(
      'spec:\n  accessModes:\n    - ReadWriteOnce # shared\n',
    );
  });
});

describe('removePair in block maps', () => {
  const base = 'parameters:\n  a: "1"\n  b: "2" # two\n  c: "3"\nnext: x\n';

  it('removes the first, middle and last pair with their whole lines (trailing comment included)', () => {
    expect(remove(base, ['parameters'], 'a')).toBe('parameters:\n  b: "2" # two\n  c: "3"\nnext: x\n');
    expect(remove(base, ['parameters'], 'b')).toBe('parameters:\n  a: "1"\n  c: "3"\nnext: x\n');
    expect(remove(base, ['parameters'], 'c')).toBe('parameters:\n  a: "1"\n  b: "2" # two\nnext: x\n');
  });

  it('removes the only pair, leaving an empty value', () => {
    expect(remove('parameters:\n  a: "1"\nnext: x\n', ['parameters'], 'a')).toBe('parameters:\nnext: x\n');
  });

  it('removes the last line of a file without a final newline', () => {
    expect(remove('p:\n  a: 1\n  b: 2', ['p'], 'b')).toBe('p:\n  a: 1\n');
  });

  it('keeps comment lines above or below the pair', () => {
    expect(remove('p:\n  # about a\n  a: 1\n  # about b\n  b: 2\n', ['p'], 'a')).toBe('p:\n  # about a\n  # about b\n  b: 2\n');
  });

  it('removes multi-line values entirely', () => {
    expect(remove('p:\n  a: |\n    l1\n    l2\n  b: 2\n', ['p'], 'a')).toBe('p:\n  b: 2\n');
    expect(remove('p:\n  a:\n    x: 1\n    y: [1,\n      2]\n  b: 2\n', ['p'], 'a')).toBe('p:\n  b: 2\n');
  });

  it('keeps CRLF line endings', () => {
    const crlf = base.replace(/\n/g, '\r\n');
    expect(remove(crlf, ['parameters'], 'a')).toBe('parameters:\r\n  b: "2" # two\r\n  c: "3"\r\nnext: x\r\n');
    expect(remove(crlf, ['parameters'], 'b')).toBe('parameters:\r\n  a: "1"\r\n  c: "3"\r\nnext: x\r\n');
    expect(remove(crlf, ['parameters'], 'c')).toBe('parameters:\r\n  a: "1"\r\n  b: "2" # two\r\nnext: x\r\n');
  });

  it('removes a later pair of a map that starts on a sequence dash, and refuses the first one', () => {
    const text = 'items:\n- a: 1\n  b: 2\n';
    expect(remove(text, ['items', 0], 'b')).toBe('items:\n- a: 1\n');
    const doc = parse(text);
    const map = mapAt(doc, ['items', 0]);
    expect(removePair(text, map, findPair(map, 'a')!)).toBeUndefined();
  });
});

describe('removePair in flow maps', () => {
  it('removes the pair and one comma', () => {
    const text = 'p: {a: 1, b: 2, c: 3} # end\n';
    expect(remove(text, ['p'], 'a')).toBe('p: {b: 2, c: 3} # end\n');
    expect(remove(text, ['p'], 'b')).toBe('p: {a: 1, c: 3} # end\n');
    expect(remove(text, ['p'], 'c')).toBe('p: {a: 1, b: 2} # end\n');
    expect(remove('p: {a: 1}\n', ['p'], 'a')).toBe('p: {}\n');
  });
});

describe('appendPair', () => {
  it('appends to a block map with its indentation, after a trailing comment', () => {
    expect(append('metadata:\n  name: gold # the class\nprovisioner: x\n', ['metadata'], 'namespace', 'default')).toBe(
      'metadata:\n  name: gold # the class\n  namespace: default\nprovisioner: x\n',
    );
    expect(append('a:\n    deep: 1\n', ['a'], 'b', 'x')).toBe('a:\n    deep: 1\n    b: x\n');
  });

  it('appends after a multi-line last value', () => {
    expect(append('p:\n  a: |\n    l1\n    l2\nq: 1\n', ['p'], 'b', 'x')).toBe('p:\n  a: |\n    l1\n    l2\n  b: x\nq: 1\n');
    expect(append('p:\n  a:\n    x: 1\nq: 1\n', ['p'], 'b', 'x')).toBe('p:\n  a:\n    x: 1\n  b: x\nq: 1\n');
  });

  it('appends inside a sequence item map and at the end of a file without a final newline', () => {
    expect(append('- a: 1\n  b: 2\n', [0], 'c', 'x')).toBe('- a: 1\n  b: 2\n  c: x\n');
    expect(append('p:\n  a: 1', ['p'], 'b', 'x')).toBe('p:\n  a: 1\n  b: x');
  });

  it('keeps CRLF', () => {
    expect(append('p:\r\n  a: 1\r\nq: 2\r\n', ['p'], 'b', 'x')).toBe('p:\r\n  a: 1\r\n  b: x\r\nq: 2\r\n');
  });

  it('quotes values that would change type', () => {
    expect(append('p:\n  a: "1"\n', ['p'], 'b', 'true')).toBe('p:\n  a: "1"\n  b: "true"\n');
  });

  it('appends to flow maps, empty or not, including nested ones', () => {
    expect(append('p: {a: 1}\n', ['p'], 'b', 'x')).toBe('p: {a: 1, b: x}\n');
    expect(append('p: {}\n', ['p'], 'b', 'x')).toBe('p: {b: x}\n');
    expect(append('p: {a: {x: 1}}\n', ['p', 'a'], 'b', 'z')).toBe('p: {a: {x: 1, b: z}}\n');
  });
});

describe('insertCommentAbove', () => {
  it('inserts a comment line with the indentation of the line, keeping line endings', () => {
    const text = 'p:\r\n  a: 1\r\n';
    expect(apply(text, insertCommentAbove(text, text.indexOf('a:'), 'vsphere-csi-lint-disable-next-line x -- why'))).toBe(
      'p:\r\n  # vsphere-csi-lint-disable-next-line x -- why\r\n  a: 1\r\n',
    );
  });
});

describe('applyEdits', () => {
  it('applies non-overlapping edits in any order and skips overlapping ones', () => {
    const text = 'abcdef';
    const result = applyEdits(text, [
      { start: 0, end: 1, newText: 'A' },
      { start: 4, end: 6, newText: 'EF' },
      { start: 5, end: 6, newText: '!' },
    ]);
    expect(result.text).toBe('Abcde!');
    expect(result.skipped).toEqual([{ start: 4, end: 6, newText: 'EF' }]);
  });

  it('skips edits outside the text', () => {
    expect(applyEdits('abc', [{ start: 2, end: 9, newText: 'x' }]).text).toBe('abc');
  });
});
