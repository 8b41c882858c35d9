import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LineIndex } from '../../../server/src/service/index.js';
import { EditMapper, diffRegion } from '../../../server/src/service/features/positions.js';
import { ChangeSet, trackingIndex } from '../../../server/src/service/features/dependencies.js';
import { buildWorkspaceIndex, type FileIndexEntries } from '../../../server/src/service/workspaceIndex.js';

const text = fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' ', '-', '\r\n'), maxLength: 60 });

describe('diffRegion', () => {
  test('finds the replaced region', () => {
    expect(diffRegion('abcdef', 'abXYef')).toEqual({ start: 2, oldEnd: 4, newEnd: 4 });
    expect(diffRegion('abc', 'abc!')).toEqual({ start: 3, oldEnd: 3, newEnd: 4 });
    expect(diffRegion('aaa', 'aaaa')).toEqual({ start: 3, oldEnd: 3, newEnd: 4 });
  });

  test('uses a consistent hint and ignores an inconsistent one', () => {
    expect(diffRegion('aaa', 'aaaa', { start: 0, oldEnd: 0, newEnd: 1 })).toEqual({ start: 0, oldEnd: 0, newEnd: 1 });
    expect(diffRegion('abc', 'abcd', { start: 0, oldEnd: 3, newEnd: 1 })).toEqual({ start: 3, oldEnd: 3, newEnd: 4 });
  });

  test('property: old with the region replaced is new', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const r = diffRegion(a, b);
        expect(a.slice(0, r.start) + b.slice(r.start, r.newEnd) + a.slice(r.oldEnd)).toBe(b);
      }),
    );
  });
});

describe('EditMapper and LineIndex.afterEdit', () => {
  test('property: untouched offsets, positions and line starts move exactly', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), text, (before, a, b, insert) => {
        const start = a % (before.length + 1);
        const end = start + (b % (before.length - start + 1));
        const after = before.slice(0, start) + insert + before.slice(end);
        const oldLines = new LineIndex(before);
        const newLines = new LineIndex(after);
        const region = { start, oldEnd: end, newEnd: start + insert.length };
        expect(LineIndex.afterEdit(oldLines, after, start, end, start + insert.length).range(0, after.length)).toEqual(newLines.range(0, after.length));
        for (let line = 0; line < newLines.lineCount; line++) expect(LineIndex.afterEdit(oldLines, after, start, end, region.newEnd).lineStart(line)).toBe(newLines.lineStart(line));
        const mapper = new EditMapper(region, oldLines, after, 'u');
        for (let o = 0; o <= before.length; o++) {
          const moved = mapper.offset(o);
          if (moved === undefined) {
            expect(o >= start && (o < end || o === start)).toBe(true);
            continue;
          }
          expect(moved).toBe(o < start ? o : o + insert.length - (end - start));
          const p = mapper.position(oldLines.positionAt(o));
          // Offsets inside a \r\n pair have no position of their own.
          if (p && before[o - 1] !== '\r') expect(p).toEqual(newLines.positionAt(moved));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('dependency tracking', () => {
  const entries: FileIndexEntries = {
    uri: 'file:///a.yaml',
    topologyCategories: [],
    storageClasses: [
      {
        name: 'gold',
        provisioner: 'csi.vsphere.vmware.com',
        parameters: { storagepolicyname: 'p', 'csi.storage.k8s.io/fstype': 'xfs' },
        isDefault: true,
        volumeBindingMode: undefined,
        allowVolumeExpansion: undefined,
        location: { uri: 'file:///a.yaml', start: 0, end: 1, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
      },
    ],
    claims: [],
    snapshots: [],
    snapshotClasses: [],
    featureStates: [],
  };

  test('records reads down to parameter keys', () => {
    const deps = new Set<string>();
    const index = trackingIndex(buildWorkspaceIndex([entries]), (d) => deps.add(d));
    const gold = index.storageClasses.get('gold')![0]!;
    expect(gold.parameters['csi.storage.k8s.io/fstype']).toBe('xfs');
    expect(gold.provisioner).toBe('csi.vsphere.vmware.com');
    expect(index.claims.get('x')).toBeUndefined();
    expect(index.defaultStorageClasses[0]!.name).toBe('gold');
    expect([...deps].sort()).toEqual(['claims:x', 'dsc:', 'dsc:#0.name', 'sc:gold', 'sc:gold#0.parameters.csi.storage.k8s.io/fstype', 'sc:gold#0.provisioner']);
  });

  test('a change hits the reads it concerns only', () => {
    const changes = new ChangeSet();
    changes.add('sc:gold#0.parameters.storagepolicyname');
    expect(changes.hits('sc:gold#0.parameters.csi.storage.k8s.io/fstype')).toBe(false);
    expect(changes.hits('sc:gold#0.parameters.storagepolicyname')).toBe(true);
    expect(changes.hits('sc:*')).toBe(true);
    expect(changes.hits('claims:x')).toBe(false);
    const membership = new ChangeSet();
    membership.add('sc:gold');
    expect(membership.hits('sc:gold#0.provisioner')).toBe(true);
    expect(membership.hits('sc:silver')).toBe(false);
  });
});
