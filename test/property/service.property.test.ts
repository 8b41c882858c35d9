// Whatever text arrives (half-typed YAML in an editor, binary junk, hostile files), the service must
// not throw, every finding must point inside the document, and --fix must never make things worse.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineIndex, applyEdits, createLanguageService, type Finding } from '../../server/src/service/index.js';

const service = createLanguageService();
const RUNS = 300;

/** Pieces YAML and our manifests are made of, plus the characters that tend to break parsers. */
const FRAGMENTS = [
  '---\n', '...\n', '\n', '\r\n', '  ', '    ', '\t', '- ', ': ', ':', ',', '#', '# comment\n', '"', "'", '\\', '|', '>', '|-\n', '?', '!', '!!str ',
  '&a ', '*a', '&b ', '*b', '<<: *a\n', '[', ']', '{', '}', '{{', '}}', '{{ .Values.x }}', '{{- end }}', '\uFEFF', '\u0000', '\uD800', '\uDC00', '😀', 'é',
  'apiVersion: storage.k8s.io/v1\n', 'apiVersion: v1\n', 'apiVersion: apps/v1\n', 'apiVersion: snapshot.storage.k8s.io/v1\n',
  'kind: StorageClass\n', 'kind: PersistentVolumeClaim\n', 'kind: StatefulSet\n', 'kind: Pod\n', 'kind: VolumeSnapshotClass\n', 'kind: VolumeSnapshot\n',
  'kind: List\n', 'kind: ConfigMap\n', 'kind: CSIDriver\n', 'kind: PersistentVolume\n', 'kind: Deployment\n', 'items:\n',
  'metadata:\n  name: gold\n', 'metadata:\n  name: internal-feature-states.csi.vsphere.vmware.com\n', '  namespace: ns\n',
  'provisioner: csi.vsphere.vmware.com\n', 'provisioner: kubernetes.io/vsphere-volume\n', 'driver: csi.vsphere.vmware.com\n',
  'parameters:\n', '  storagePolicy: Gold\n', '  storagepolicyname: "Gold"\n', '  csi.storage.k8s.io/fstype: EXT4\n', '  fstype: xfs\n', '  hostFailuresToTolerate: "1"\n',
  'volumeBindingMode: WaitForFirstConsumer\n', 'allowVolumeExpansion: true\n', 'reclaimPolicy: Delete\n', 'deletionPolicy: Delete\n',
  'spec:\n', '  storageClassName: gold\n', '  storageClassName: ""\n', '  storageClassName: null\n', '  accessModes: [ReadWriteMany]\n', '  accessModes:\n    - ReadWriteOnce\n',
  '  volumeMode: Block\n', '  resources:\n    requests:\n      storage: 5G\n', '      storage: 1Gi\n', '  dataSource:\n    kind: VolumeSnapshot\n    name: snap\n    apiGroup: snapshot.storage.k8s.io\n',
  '  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n',
  '  template:\n    spec:\n      volumes:\n      - name: v\n        persistentVolumeClaim:\n          claimName: data\n',
  'data:\n  high-pv-node-density: "true"\n',
  '# vsphere-csi-lint-disable-next-line sc-unknown-parameter -- reason\n', '# vsphere-csi-lint-disable-next-line k8s-schema, nope\n',
  '# vsphere-csi-lint-disable\n', '# vsphere-csi-lint-enable\n', '# vsphere-csi-lint-disable sc-unknown-parameter\n', '# vsphere-csi-lint-disable-next-line\n',
  'a', 'key', 'x: y\n', 'n: 1\n', 'b: yes\n', 'c: off\n', '0777', '1e3', '~', 'null', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n',
];

const yamlish = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) }), { maxLength: 60 })
  .map((parts) => parts.join(''));

/** Well-formed manifests with right and wrong values, so the rules (and their fixes) actually run. */
const block = (entries: string[], indent: string) => entries.map((e) => `${indent}${e}`).join('\n');
const names = fc.constantFrom('gold', 'vsan-block', 'vsan-file', 'missing', 'gold ', '');
const storageClassArb = fc
  .record({
    provisioner: fc.constantFrom('csi.vsphere.vmware.com', 'kubernetes.io/vsphere-volume', 'csi.vsphere.vmware.co', 'ebs.csi.aws.com', 'CSI.vsphere.vmware.com'),
    name: names,
    params: fc.subarray([
      'storagePolicy: Gold', 'storagepolicyname: "Gold"', 'StoragePolicyName: ""', 'csi.storage.k8s.io/fstype: EXT4', 'csi.storage.k8s.io/fstype: xfs', 'csi.storage.k8s.io/fstype: nfs4',
      'fstype: ext4', 'datastoreurl: "ds:///vmfs/volumes/abc"', 'datastore: ds1', 'diskformat: zeroedthick', 'hostFailuresToTolerate: "1"', 'csimigration: "true"',
      'storagePolicyID: abc', 'svStorageClass: gold', 'csi.storage.k8s.io/pvc/name: x', 'csi.storage.k8s.io/bogus: x', 'replicas: 3', 'team: "payments"',
    ]),
    binding: fc.constantFrom('', 'volumeBindingMode: WaitForFirstConsumer', 'volumeBindingMode: Immediate', 'volumeBindingMode: Later'),
    topology: fc.constantFrom('', 'allowedTopologies:\n- matchLabelExpressions:\n  - key: topology.csi.vmware.com/k8s-zone\n    values: [a, b]', 'allowedTopologies:\n- matchLabelExpressions:\n  - key: topology.csi.vsphere.volume/zone\n    values: [a]'),
    isDefault: fc.boolean(),
    flow: fc.boolean(),
  })
  .map(({ provisioner, name, params, binding, topology, isDefault, flow }) =>
    [
      'apiVersion: storage.k8s.io/v1',
      'kind: StorageClass',
      `metadata:\n  name: ${JSON.stringify(name)}${isDefault ? '\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"' : ''}`,
      `provisioner: ${provisioner}`,
      flow ? `parameters: {${params.join(', ')}}` : params.length ? `parameters:\n${block(params, '  ')}` : 'parameters:',
      binding,
      topology,
      'allowVolumeExpansion: true',
    ].filter(Boolean).join('\n') + '\n',
  );
const claimSpecArb = fc
  .record({
    cls: fc.constantFrom('', 'storageClassName: gold', 'storageClassName: missing', 'storageClassName: ""', 'storageClassName: vsan-file'),
    modes: fc.subarray(['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOncePod', 'ReadWriteonce']),
    mode: fc.constantFrom('', 'volumeMode: Block', 'volumeMode: Filesystem'),
    size: fc.constantFrom('1Gi', '5G', '500M', '1.5Gi', 'ten', '0', '-1Gi', '100m'),
    source: fc.constantFrom('', 'dataSource:\n  kind: VolumeSnapshot\n  name: snap\n  apiGroup: snapshot.storage.k8s.io', 'dataSource:\n  kind: PersistentVolumeClaim\n  name: data'),
    vac: fc.constantFrom('', 'volumeAttributesClassName: fast'),
  })
  .map(({ cls, modes, mode, size, source, vac }) =>
    [cls, modes.length ? `accessModes: [${modes.join(', ')}]` : '', mode, `resources:\n  requests:\n    storage: ${size}`, source, vac].filter(Boolean).join('\n'),
  );
const indent = (text: string, by: string) => text.split('\n').map((l) => by + l).join('\n');
const claimArb = claimSpecArb.map((spec) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n${indent(spec, '  ')}\n`);
const workloadArb = fc
  .record({ kind: fc.constantFrom('StatefulSet', 'Deployment'), replicas: fc.constantFrom(1, 3, 100), templates: fc.array(claimSpecArb, { maxLength: 3 }), volumes: fc.nat({ max: 70 }) })
  .map(({ kind, replicas, templates, volumes }) =>
    [
      `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: app\nspec:\n  replicas: ${replicas}`,
      `  template:\n    spec:\n      containers:\n      - name: c\n        image: x`,
      volumes ? `      volumes:\n${Array.from({ length: volumes }, (_, i) => `      - {name: v${i}, persistentVolumeClaim: {claimName: c${i}}}`).join('\n')}` : '',
      kind === 'StatefulSet' && templates.length
        ? `  volumeClaimTemplates:\n${templates.map((t, i) => `  - metadata:\n      name: t${i}\n    spec:\n${indent(t, '      ')}`).join('\n')}`
        : '',
    ].filter(Boolean).join('\n') + '\n',
  );
const snapshotArb = fc.constantFrom(
  'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\nmetadata:\n  name: vsc\ndriver: csi.vsphere.vmware.co\ndeletionPolicy: Delete\nparameters:\n  quiesce: "true"\n',
  'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshot\nmetadata:\n  name: snap\nspec:\n  volumeSnapshotClassName: vsc\n  source:\n    persistentVolumeClaimName: data\n',
  'apiVersion: storage.k8s.io/v1\nkind: CSIDriver\nmetadata:\n  name: csi.vsphere.vmware.com\nspec:\n  attachRequired: true\n  volumeLifecycleModes: [Persistent, Ephemeral]\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: internal-feature-states.csi.vsphere.vmware.com\n  namespace: vmware-system-csi\ndata:\n  high-pv-node-density: "true"\n  bogus: yes\n',
  'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec:\n  accessModes: [ReadWriteMany]\n  csi:\n    driver: csi.vsphere.vmware.com\n    volumeHandle: file:abc\n  nodeAffinity:\n    required: {}\n',
);
const manifests = fc
  .tuple(
    fc.array(fc.oneof(storageClassArb, claimArb, workloadArb, snapshotArb), { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...FRAGMENTS)), { maxLength: 2 }),
    fc.boolean(),
  )
  .map(([docs, noise, crlf]) => {
    let text = docs.join('---\n');
    for (const [at, fragment] of noise) {
      const cut = at % (text.length + 1);
      text = text.slice(0, cut) + fragment + text.slice(cut);
    }
    return crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  });

const anyText = fc.oneof(
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: fc.constantFrom('a', ':', ' ', '\n', '-', '{', '}', '[', ']', '"', '#', '\uD800', '\r', '*', '&') }) },
  { weight: 4, arbitrary: yamlish },
  { weight: 1, arbitrary: yamlish.map((t) => t.replace(/\n/g, '\r\n')) },
  { weight: 1, arbitrary: yamlish.map((t) => '\uFEFF' + t) },
  { weight: 4, arbitrary: manifests },
);

function checkFinding(text: string, finding: Finding, lines: LineIndex) {
  expect(finding.start).toBeGreaterThanOrEqual(0);
  expect(finding.start).toBeLessThanOrEqual(finding.end);
  expect(finding.end).toBeLessThanOrEqual(text.length);
  expect(finding.range).toEqual(lines.range(finding.start, finding.end));
  expect(['error', 'warning', 'info']).toContain(finding.severity);
  expect(finding.message.length).toBeGreaterThan(0);
  for (const fix of [...(finding.fix ? [finding.fix] : []), ...(finding.suggestions ?? [])]) {
    for (const edit of fix.edits) {
      expect(edit.start).toBeGreaterThanOrEqual(0);
      expect(edit.start).toBeLessThanOrEqual(edit.end);
      expect(edit.end).toBeLessThanOrEqual(text.length);
    }
  }
}

describe('the service on arbitrary text', () => {
  it('never throws, and every finding lies inside its document with a consistent range', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const results = service.lintFiles([{ uri: 'file:///ws/a.yaml', text }]);
        const findings = results.get('file:///ws/a.yaml')!;
        const lines = new LineIndex(text);
        for (const finding of findings) {
          checkFinding(text, finding, lines);
          expect(finding.ruleId).not.toBe('internal-error');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('cross-file checks over several arbitrary files never throw and stay inside each file', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 3 }), (texts) => {
        const files = texts.map((text, i) => ({ uri: `file:///ws/f${i}.yaml`, text }));
        const results = service.lintFiles(files);
        for (const file of files) {
          const lines = new LineIndex(file.text);
          for (const finding of results.get(file.uri)!) {
            expect(finding.uri).toBe(file.uri);
            checkFinding(file.text, finding, lines);
          }
        }
      }),
      { numRuns: Math.round(RUNS / 2) },
    );
  });

  it('results do not depend on the order of the files', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(yamlish, manifests), { minLength: 2, maxLength: 3 }), (texts) => {
        const files = texts.map((text, i) => ({ uri: `file:///ws/f${i}.yaml`, text }));
        const forward = service.lintFiles(files);
        const backward = service.lintFiles([...files].reverse());
        for (const file of files) expect(backward.get(file.uri)).toEqual(forward.get(file.uri));
      }),
      { numRuns: Math.round(RUNS / 3) },
    );
  });

  it('applying all safe fixes never throws and never adds syntax problems', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const uri = 'file:///ws/a.yaml';
        const findings = service.lintFiles([{ uri, text }]).get(uri)!;
        const result = service.applyFixes(uri, text, findings);
        const before = service.parse({ uri, text }).syntaxProblems.length;
        const after = service.parse({ uri, text: result.text }).syntaxProblems.length;
        expect(after).toBeLessThanOrEqual(before);
        if (result.applied.length === 0) expect(result.text).toBe(text);
        // The fixed text is itself lintable.
        service.lintFiles([{ uri, text: result.text }]);
      }),
      { numRuns: RUNS },
    );
  });

  it('each safe fix on its own keeps a clean document clean (the guard in applyFixes is never what saves it)', () => {
    fc.assert(
      fc.property(fc.oneof(yamlish, manifests), (text) => {
        const uri = 'file:///ws/a.yaml';
        const before = service.parse({ uri, text }).syntaxProblems.length;
        for (const finding of service.lintFiles([{ uri, text }]).get(uri)!) {
          if (!finding.fix) continue;
          const fixed = applyEdits(text, finding.fix.edits);
          expect(fixed.skipped).toEqual([]);
          const after = service.parse({ uri, text: fixed.text }).syntaxProblems;
          expect(after.length, `${finding.ruleId} fix "${finding.fix.title}" broke ${JSON.stringify(text)}: ${after[0]?.message}`).toBeLessThanOrEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
