// The incremental session against a fresh analysis: after every edit (to any of several open
// files, with a file on disk beside them), the findings of every open file equal what the service
// reports for the whole texts linted together.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createLanguageService, parseConfigText, type Finding } from '../../../server/src/service/index.js';
import { AnalysisSession } from '../../../server/src/service/features/incremental.js';
import { CLASSES, rwxClaim } from '../../helpers/manifests.js';

const service = createLanguageService();
const config = parseConfigText('storagePolicies: [gold-raid1]\ntopology:\n  categories: [k8s-zone]\n', 'file:///ws/.vsphere-csi.yaml').config;

const CLAIMS = `${rwxClaim('a')}---
# vsphere-csi-lint-disable-next-line pvc-storage-class-not-found -- later
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: b
spec:
  accessModes:
    - ReadWriteOnce
  volumeMode: Block
  resources:
    requests:
      storage: 2G
---
apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshot
metadata:
  name: snap
spec:
  volumeSnapshotClassName: vsc
  source:
    persistentVolumeClaimName: a
`;

const DISK = `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotClass
metadata:
  name: vsc
driver: csi.vsphere.vmware.com
deletionPolicy: Delete
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: internal-feature-states.csi.vsphere.vmware.com
data:
  high-pv-node-density: "true"
`;

const WORDS = ['gold', 'files', 'silver', 'ReadWriteMany', 'ReadWriteOnce', 'Block', 'xfs', 'nfs4', 'EXT4', 'vsc', 'a', 'b', '"true"', '"false"', 'StorageClass', 'kubernetes.io/vsphere-volume'];
const SNIPPETS = ['\n', '\n---\n', '# c\n', '  ', 'x', ':', '"', '- ', '{{', '# vsphere-csi-lint-disable-next-line pvc-fstype-access-mode\n'];

const URIS = { classes: 'file:///ws/classes.yaml', claims: 'file:///ws/claims.yaml', disk: 'file:///ws/disk.yaml' };

function project(findings: readonly Finding[] | undefined) {
  return (findings ?? []).map((f) => ({ rule: f.ruleId, severity: f.severity, message: f.message, start: f.start, end: f.end, range: f.range, fix: f.fix, suggestions: f.suggestions, related: f.related, tags: f.tags }));
}

function normalizeIndex(index: object): unknown {
  return Object.fromEntries(
    Object.entries(index).map(([key, value]) => [
      key,
      JSON.parse(JSON.stringify(value instanceof Map ? [...value.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : value)),
    ]),
  );
}

type Step = { file: 0 | 1; kind: number; at: number; word: number; length: number };

function applyStep(text: string, step: Step): { text: string; start: number; oldEnd: number; newEnd: number } {
  const at = Math.floor(step.at * (text.length + 1));
  let start = at;
  let end = at;
  let insert = '';
  switch (step.kind) {
    case 0: // replace a word
      while (start > 0 && /[\w.\-/"]/.test(text[start - 1]!)) start--;
      while (end < text.length && /[\w.\-/"]/.test(text[end]!)) end++;
      insert = WORDS[step.word % WORDS.length]!;
      break;
    case 1:
      insert = SNIPPETS[step.word % SNIPPETS.length]!;
      break;
    case 2:
      end = Math.min(text.length, at + step.length);
      break;
    case 3: {
      // delete a line
      start = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at);
      end = lineEnd === -1 ? text.length : lineEnd + 1;
      break;
    }
    default: {
      // duplicate a line
      start = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at);
      insert = text.slice(start, lineEnd === -1 ? text.length : lineEnd + 1);
      end = start;
    }
  }
  return { text: text.slice(0, start) + insert + text.slice(end), start, oldEnd: end, newEnd: start + insert.length };
}

const step = fc.record({
  file: fc.constantFrom<0 | 1>(0, 1),
  kind: fc.integer({ min: 0, max: 4 }),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  word: fc.nat(100),
  length: fc.integer({ min: 1, max: 30 }),
});

describe('AnalysisSession (incremental) equals a fresh analysis', () => {
  test('after every edit, in every open file, with cross-file facts', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.boolean(), (steps, hinted) => {
        const session = new AnalysisSession(service);
        session.setDiskFiles([{ uri: URIS.disk, text: DISK }]);
        const texts = [CLASSES, CLAIMS];
        const uris = [URIS.classes, URIS.claims];
        session.open(uris[0]!, texts[0]!, { config });
        session.open(uris[1]!, texts[1]!, { config });
        for (const s of steps) {
          const next = applyStep(texts[s.file]!, s);
          texts[s.file] = next.text;
          session.update(uris[s.file]!, next.text, hinted ? { start: next.start, oldEnd: next.oldEnd, newEnd: next.newEnd } : undefined);
          const fresh = service.lintFiles(
            [
              { uri: uris[0]!, text: texts[0]! },
              { uri: uris[1]!, text: texts[1]! },
              { uri: URIS.disk, text: DISK },
            ],
            { configFor: () => config },
          );
          for (const uri of uris) expect(project(session.findings(uri))).toEqual(project(fresh.get(uri)));
          // The index the session patched equals one built from scratch.
          const rebuilt = service.buildIndex(
            [{ uri: uris[0]!, text: texts[0]! }, { uri: uris[1]!, text: texts[1]! }, { uri: URIS.disk, text: DISK }].map((f) => service.extractIndexEntries(service.parse(f))),
          );
          expect(normalizeIndex(session.index)).toEqual(normalizeIndex(rebuilt));
        }
      }),
      { numRuns: 150 },
    );
  });

  test('closing a file brings back the facts on disk; settings changes re-lint', () => {
    const session = new AnalysisSession(service);
    session.setDiskFiles([{ uri: URIS.classes, text: CLASSES }]);
    session.open(URIS.claims, CLAIMS, { config });
    const claimRule = () => session.findings(URIS.claims)!.filter((f) => f.ruleId === 'pvc-fstype-access-mode');
    expect(claimRule()).toHaveLength(1);
    // The class file opened and edited: the claim is re-linted.
    session.open(URIS.classes, CLASSES, { config });
    const affected = session.update(URIS.classes, CLASSES.replace('fstype: xfs', 'fstype: nfs4'));
    expect([...affected]).toContain(URIS.claims);
    expect(claimRule()).toHaveLength(0);
    // Closed without saving: the disk says xfs again.
    const closed = session.close(URIS.classes);
    expect([...closed]).toContain(URIS.claims);
    expect(claimRule()).toHaveLength(1);
    session.setSettings(URIS.claims, { config, ruleOverrides: { 'pvc-fstype-access-mode': 'off' } });
    expect(claimRule()).toHaveLength(0);
  });

  test('lines inserted above a class move the related location of a finding in another file without re-linting it', () => {
    const session = new AnalysisSession(service);
    session.open(URIS.classes, CLASSES, { config });
    session.open(URIS.claims, CLAIMS, { config });
    const related = () => session.findings(URIS.claims)!.find((f) => f.ruleId === 'pvc-fstype-access-mode')!.related![0]!.range.start.line;
    expect(related()).toBe(4);
    const affected = session.update(URIS.classes, `# a\n# b\n${CLASSES}`, { start: 0, oldEnd: 0, newEnd: 8 });
    expect([...affected].sort()).toEqual([URIS.classes, URIS.claims].sort());
    expect(related()).toBe(6);
  });

  test('an edit that changes nothing other files read leaves them alone', () => {
    const session = new AnalysisSession(service);
    session.open(URIS.classes, CLASSES, { config });
    session.open(URIS.claims, CLAIMS, { config });
    session.findings(URIS.claims);
    const at = CLASSES.indexOf('gold-raid1');
    const affected = session.update(URIS.classes, `${CLASSES.slice(0, at)}gold-raid5${CLASSES.slice(at + 'gold-raid1'.length)}`);
    expect([...affected]).toEqual([URIS.classes]);
  });

  test('index entries of files that are not open, and class references', () => {
    const session = new AnalysisSession(service);
    session.setDiskFiles([
      { uri: URIS.classes, text: CLASSES },
      { uri: 'file:///ws/other.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' },
    ]);
    expect([...session.index.storageClasses.keys()].sort()).toEqual(['files', 'gold']);
    session.open(URIS.claims, CLAIMS, { config });
    const refs = [...session.allReferences()].map((r) => `${r.target}:${r.name}@${r.range.start.line}`);
    expect(refs).toEqual(['storageClass:gold@6', 'snapshotClass:vsc@27']);
    session.setDiskFiles([{ uri: URIS.classes, text: undefined }]);
    expect(session.index.storageClasses.size).toBe(0);
  });
});

describe('AnalysisSession reuses the work of unchanged documents', () => {
  const rule = service.registry.rulesForKind('StorageClass').find((r) => r.meta.id === 'sc-invalid-fstype')!;
  const CLASS = (name: string, fstype: string) =>
    `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${name}\nprovisioner: csi.vsphere.vmware.com\nparameters:\n  csi.storage.k8s.io/fstype: ${fstype}\n`;

  test('an edit inside one document of a multi-document file re-lints that document only', () => {
    const original = rule.check;
    const checked: string[] = [];
    rule.check = (context) => {
      checked.push(context.object.name ?? '?');
      original(context);
    };
    try {
      const session = new AnalysisSession(service);
      const uri = 'file:///ws/many.yaml';
      const text = ['a', 'b', 'c', 'd'].map((name) => CLASS(name, 'EXT4')).join('---\n');
      session.open(uri, text, { config });
      const before = session.findings(uri)!;
      expect(checked.sort()).toEqual(['a', 'b', 'c', 'd']);
      checked.length = 0;
      // The fstype of `c` fixed: only `c` is checked again; the findings of a, b and d are kept.
      const at = text.indexOf('EXT4', text.indexOf('name: c'));
      const edited = `${text.slice(0, at)}ext4${text.slice(at + 4)}`;
      session.update(uri, edited, { start: at, oldEnd: at + 4, newEnd: at + 4 });
      const after = session.findings(uri)!;
      expect(checked).toEqual(['c']);
      const fstype = (list: readonly Finding[]) => list.filter((f) => f.ruleId === 'sc-invalid-fstype').map((f) => f.range.start.line);
      expect(fstype(after)).toEqual(fstype(before).filter((line) => line !== edited.slice(0, at).split('\n').length - 1));
      expect(after.map((f) => [f.ruleId, f.start, f.message])).toEqual(service.lintFiles([{ uri, text: edited }], { configFor: () => config }).get(uri)!.map((f) => [f.ruleId, f.start, f.message]));
    } finally {
      rule.check = original;
    }
  });
});
