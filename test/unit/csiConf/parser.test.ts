// The csi-vsphere.conf reader: gcfg's grammar, its values and escapes, and the spans it records.
import { describe, expect, it } from 'vitest';
import { parseCsiConf, unquoteValue, type ConfDocument } from '../../../server/src/service/fragments/csiConf/parser.js';

const codes = (doc: ConfDocument) => doc.problems.map((p) => p.code);
const entry = (doc: ConfDocument, section: number, index: number) => doc.sections[section]!.entries[index]!;
const slice = (text: string, start: number, end: number) => text.slice(start, end);

describe('csi-vsphere.conf parser', () => {
  it('reads sections, subsections, keys and values with exact spans', () => {
    const text = '[Global]\ncluster-id = "prod"\n\n[VirtualCenter "10.0.0.1"]\nuser = admin@vsphere.local\n';
    const doc = parseCsiConf(text);
    expect(doc.problems).toEqual([]);
    expect(doc.sections.map((s) => [s.name, s.subsection])).toEqual([
      ['Global', undefined],
      ['VirtualCenter', '10.0.0.1'],
    ]);
    const vc = doc.sections[1]!;
    expect(slice(text, vc.start, vc.end)).toBe('[VirtualCenter "10.0.0.1"]');
    expect(slice(text, vc.nameStart, vc.nameEnd)).toBe('VirtualCenter');
    expect(slice(text, vc.subStart!, vc.subEnd!)).toBe('"10.0.0.1"');
    const id = entry(doc, 0, 0);
    expect([slice(text, id.nameStart, id.nameEnd), id.value!.raw, id.value!.text, slice(text, id.value!.start, id.value!.end)]).toEqual(['cluster-id', '"prod"', 'prod', '"prod"']);
    expect(entry(doc, 1, 0).value!.text).toBe('admin@vsphere.local');
  });

  it('matches names without regard to case and keeps the spelling', () => {
    const doc = parseCsiConf('[NETPERMISSIONS "A"]\nRootSquash\nIps = "*"\n');
    expect(doc.sections[0]!.lower).toBe('netpermissions');
    expect(doc.sections[0]!.entries.map((e) => [e.name, e.lower, e.value === undefined])).toEqual([
      ['RootSquash', 'rootsquash', true],
      ['Ips', 'ips', false],
    ]);
  });

  it('ends values at # and ; outside quotes and drops trailing blanks', () => {
    const text = '[NetPermissions "#"]\nIps = "*"  # All Ips\nx = a b ; note\ny = "a#b;c"\nz =   \n';
    const doc = parseCsiConf(text);
    expect(doc.problems).toEqual([]);
    expect(doc.sections[0]!.subsection).toBe('#');
    expect(doc.sections[0]!.entries.map((e) => [e.value!.raw, e.value!.text])).toEqual([
      ['"*"', '*'],
      ['a b', 'a b'],
      ['"a#b;c"', 'a#b;c'],
      ['', ''],
    ]);
  });

  it('resolves the four escapes inside quotes and partial quoting', () => {
    const doc = parseCsiConf('[Global]\na = "x\\\\y\\"z\\n\\t"\nb = pre"fix "post\n');
    expect(doc.problems).toEqual([]);
    expect(entry(doc, 0, 0).value!.text).toBe('x\\y"z\n\t');
    expect(entry(doc, 0, 0).value!.escapeIssues).toEqual([]);
    expect(entry(doc, 0, 1).value!.text).toBe('prefix post');
  });

  it('records rejected backslashes and reads them literally', () => {
    const text = '[Global]\nuser = DOMAIN\\user\npassword = "p\\w"\nq = a\\"b\n';
    const doc = parseCsiConf(text);
    expect(doc.problems).toEqual([]);
    const [user, password, q] = doc.sections[0]!.entries;
    expect(user!.value!.text).toBe('DOMAIN\\user');
    expect(user!.value!.escapeIssues.map((i) => [i.kind, slice(text, i.start, i.end)])).toEqual([['unquoted-backslash', '\\']]);
    expect(password!.value!.text).toBe('p\\w');
    expect(password!.value!.escapeIssues.map((i) => [i.kind, slice(text, i.start, i.end)])).toEqual([['unknown-escape', '\\w']]);
    expect(q!.value!.text).toBe('a"b');
    expect(q!.value!.escapeIssues).toEqual([]);
  });

  it('continues a value over a backslash at the end of a line (CRLF too)', () => {
    const doc = parseCsiConf('[Global]\ndatacenters = dc1,\\\r\n  dc2\nnext = 1\n');
    expect(doc.problems).toEqual([]);
    const [dcs, next] = doc.sections[0]!.entries;
    expect(dcs!.value!.continued).toBe(true);
    expect(dcs!.value!.text).toBe('dc1,  dc2');
    expect(next!.value!.text).toBe('1');
  });

  it('flags names with "_" without stopping', () => {
    const doc = parseCsiConf('[Virtual_Center "x"]\ninsecure_flag = true\n');
    expect(doc.problems).toEqual([]);
    expect(doc.sections[0]!.invalidName).toBe(true);
    expect(entry(doc, 0, 0).invalidName).toBe(true);
    expect(entry(doc, 0, 0).value!.text).toBe('true');
  });

  it('keeps an unquoted subsection and says so', () => {
    const text = '[VirtualCenter 10.0.0.1 ]\n';
    const doc = parseCsiConf(text);
    expect(doc.problems).toEqual([]);
    const vc = doc.sections[0]!;
    expect([vc.subsection, vc.subQuoted, slice(text, vc.subStart!, vc.subEnd!)]).toEqual(['10.0.0.1', false, '10.0.0.1']);
  });

  it('reports what gcfg rejects, one problem per broken line, and carries on', () => {
    const text = [
      'user = x', // before any section
      '[Global',
      '[]',
      '[VirtualCenter ""]',
      '[VirtualCenter "a\\b"]',
      '[Labels] zone = a',
      'user: admin',
      'pass = "open',
      '=oops',
      '[Snapshot]',
      'ok = 1',
    ].join('\n');
    const doc = parseCsiConf(text);
    expect(codes(doc)).toEqual([
      'key-outside-section',
      'missing-bracket',
      'expected-section-name',
      'empty-subsection',
      'subsection-escape',
      'trailing-text',
      'expected-assign',
      'unterminated-string',
      'illegal-character',
    ]);
    const spans = doc.problems.map((p) => slice(text, p.start, p.end));
    expect(spans).toEqual(['user', '[Global', '[]', '""', '\\b', 'zone = a', ': admin', '"open', '=']);
    expect(doc.problems.find((p) => p.code === 'expected-assign')!.message).toContain('not `name: value`');
    // The last section is still read.
    expect(doc.sections.at(-1)!.entries.map((e) => e.value?.text)).toEqual(['1']);
    // `user: admin` is kept as a broken entry, so it does not also count as missing.
    expect(doc.sections.find((s) => s.lower === 'labels')!.entries.map((e) => [e.name, e.broken])).toEqual([
      ['user', true],
      ['pass', false],
    ]);
  });

  it('reads an empty text, comments only, and a BOM', () => {
    expect(parseCsiConf('')).toEqual({ sections: [], problems: [] });
    expect(parseCsiConf('# a\n; b\n\n')).toEqual({ sections: [], problems: [] });
    expect(parseCsiConf('\uFEFF[Global]\n').sections.map((s) => s.name)).toEqual(['Global']);
  });

  it('unquoteValue mirrors gcfg unquote', () => {
    expect(unquoteValue('"a b"')).toBe('a b');
    expect(unquoteValue('a"  "b')).toBe('a  b');
    expect(unquoteValue('"\\\\"')).toBe('\\');
    expect(unquoteValue('x\r')).toBe('x');
  });
});
