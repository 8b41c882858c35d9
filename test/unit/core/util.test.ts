// The small parsers rules lean on: Kubernetes quantities, vSphere/driver versions, did-you-mean.
import { describe, expect, it } from 'vitest';
import { parseQuantity, toBinaryQuantity } from '../../../server/src/service/util/quantity.js';
import { atLeast, compareVersions, parseVersion } from '../../../server/src/service/util/version.js';
import { closestMatches, editDistance } from '../../../server/src/service/util/similarity.js';
import { LineIndex } from '../../../server/src/service/util/lineIndex.js';

const Gi = 2 ** 30;

describe('parseQuantity', () => {
  it.each([
    ['1Gi', Gi, 'binary', 'Gi'],
    ['1.5Gi', 1.5 * Gi, 'binary', 'Gi'],
    ['.5Gi', 0.5 * Gi, 'binary', 'Gi'],
    ['512Mi', 512 * 2 ** 20, 'binary', 'Mi'],
    ['2Ti', 2 * 2 ** 40, 'binary', 'Ti'],
    ['5G', 5e9, 'decimal', 'G'],
    ['500M', 5e8, 'decimal', 'M'],
    ['100k', 1e5, 'decimal', 'k'],
    ['1E', 1e18, 'decimal', 'E'],
    ['1e3', 1e3, 'decimal', 'e3'],
    ['1E3', 1e3, 'decimal', 'E3'],
    ['100m', 0.1, 'decimal', 'm'],
    ['10', 10, 'none', ''],
    ['+1Gi', Gi, 'binary', 'Gi'],
    ['-1Gi', -Gi, 'binary', 'Gi'],
  ] as const)('%s', (text, bytes, unit, suffix) => {
    const q = parseQuantity(text);
    expect(q).toBeDefined();
    expect(q!.bytes).toBeCloseTo(bytes, 6);
    expect(q!.unit).toBe(unit);
    expect(q!.suffix).toBe(suffix);
  });

  it.each(['', 'Gi', '1GB', '1gi', '1 Gi', ' 1Gi', '1Gi ', '1e', '0x10', '1,5Gi', 'ten', '1KiB', '1K', '--1'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('rounds to the binary quantity the driver stores (whole MiB)', () => {
    expect(toBinaryQuantity(5e9)).toBe('4769Mi');
    expect(toBinaryQuantity(Gi)).toBe('1Gi');
    expect(toBinaryQuantity(2 ** 40)).toBe('1Ti');
    expect(toBinaryQuantity(1)).toBe('1Mi');
  });
});

describe('parseVersion', () => {
  it.each([
    ['7.0U3', [7, 0, 3]],
    ['7.0u3', [7, 0, 3]],
    ['7.0 Update 3', [7, 0, 3]],
    ['8.0.2', [8, 0, 2]],
    ['8.0U2b', [8, 0, 2]],
    ['6.7u3l', [6, 7, 3]],
    ['v3.7.3', [3, 7, 3]],
    ['3.8.0-rc.1', [3, 8, 0]],
    ['7', [7, 0, 0]],
    ['8.0', [8, 0, 0]],
  ] as const)('%s', (text, triple) => {
    expect(parseVersion(text)).toEqual(triple);
  });

  it('gives undefined for text that is not a version', () => {
    for (const text of [undefined, '', 'latest', 'x.y']) expect(parseVersion(text)).toBeUndefined();
  });

  it('compares update releases of vSphere with dotted releases', () => {
    expect(compareVersions(parseVersion('7.0U3')!, parseVersion('7.0.3')!)).toBe(0);
    expect(compareVersions(parseVersion('7.0U2')!, parseVersion('7.0U3')!)).toBeLessThan(0);
    expect(compareVersions(parseVersion('8.0')!, parseVersion('7.0U3')!)).toBeGreaterThan(0);
    expect(atLeast('6.7u3l', '6.7U3')).toBe(true);
    expect(atLeast('3.6.0', 'v3.7.1')).toBe(false);
    expect(atLeast('v3.10.0', '3.7.3')).toBe(true);
    expect(atLeast(undefined, '7.0U3')).toBeUndefined();
  });
});

describe('did-you-mean', () => {
  const keys = ['storagepolicyname', 'datastoreurl', 'fstype', 'csi.storage.k8s.io/fstype'];

  it('suggests the key a typo was meant to be', () => {
    expect(closestMatches('storagepolicy', keys, { ignoreCase: true })[0]).toBe('storagepolicyname');
    expect(closestMatches('storagePolicyNmae', keys, { ignoreCase: true })[0]).toBe('storagepolicyname');
    expect(closestMatches('fstpye', keys, { ignoreCase: true })[0]).toBe('fstype');
    expect(closestMatches('datastoreURI', keys, { ignoreCase: true })[0]).toBe('datastoreurl');
  });

  it('is case-sensitive unless asked otherwise', () => {
    expect(closestMatches('STORAGEPOLICYNAME', ['storagepolicyname'])).toEqual([]);
    expect(closestMatches('STORAGEPOLICYNAME', ['storagepolicyname'], { ignoreCase: true })).toEqual(['storagepolicyname']);
  });

  it('suggests nothing for unrelated words and respects max', () => {
    expect(closestMatches('replicas', keys, { ignoreCase: true })).toEqual([]);
    expect(closestMatches('ab', ['aa', 'ac', 'ad', 'ae'], { max: 2 })).toHaveLength(2);
  });

  it('counts a transposition as one edit', () => {
    expect(editDistance('fstype', 'fstpye')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('LineIndex', () => {
  it('maps offsets to lines and characters with LF, CRLF and no final newline', () => {
    const lines = new LineIndex('a\r\nbc\nd');
    expect(lines.lineCount).toBe(3);
    expect(lines.positionAt(4)).toEqual({ line: 1, character: 1 });
    expect(lines.positionAt(99)).toEqual({ line: 2, character: 1 });
    expect(lines.lineText(0)).toBe('a');
    expect(lines.lineText(2)).toBe('d');
    expect(lines.offsetAt({ line: 1, character: 50 })).toBe(5);
  });
});
