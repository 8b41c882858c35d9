// The pure editor features on in-memory files: hover, completion, definition/references, code
// actions and document symbols.
import { describe, expect, test } from 'vitest';
import { applyEdits, createLanguageService, parseConfigText, type ResolvedConfig } from '../../../server/src/service/index.js';
import { codeActions, FIX_ALL_KIND } from '../../../server/src/service/features/codeActions.js';
import { complete, lineContext } from '../../../server/src/service/features/completion.js';
import { classReferences, classSymbolAt, definitionsOf, referencesOf } from '../../../server/src/service/features/definition.js';
import { hover } from '../../../server/src/service/features/hover.js';
import { sourceLines } from '../../../server/src/service/features/reference.js';
import { documentSymbols } from '../../../server/src/service/features/symbols.js';
import { rwxClaim } from '../../helpers/manifests.js';

const service = createLanguageService();
const config: ResolvedConfig = parseConfigText(
  [
    'storagePolicies: [gold-raid1, "vSAN Default Storage Policy"]',
    'datastores:',
    '  - {url: "ds:///vmfs/volumes/vsan:1/", name: vsanDatastore, type: vsan, fileServices: true}',
    'topology:',
    '  categories: [k8s-zone]',
  ].join('\n'),
  'file:///ws/.vsphere-csi.yaml',
).config;

const CLASSES = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gold
provisioner: csi.vsphere.vmware.com
parameters:
  storagepolicyname: gold-raid1
  datastoreurl: "ds:///vmfs/volumes/vsan:1/"
  csi.storage.k8s.io/fstype: xfs
`;

const CLAIM = rwxClaim('data');

function setup(files: Record<string, string>) {
  const parsed = Object.entries(files).map(([name, text]) => service.parse({ uri: `file:///ws/${name}`, text }));
  const index = service.buildIndex(parsed.map((p) => service.extractIndexEntries(p)));
  const findings = new Map(parsed.map((p) => [p.uri, service.lint(p, config, index)] as const));
  return { parsed: new Map(parsed.map((p) => [p.uri.replace('file:///ws/', ''), p] as const)), index, findings };
}

describe('hover', () => {
  const ws = setup({ 'classes.yaml': CLASSES, 'claim.yaml': CLAIM });
  const at = (name: string, needle: string, delta = 1) => {
    const file = ws.parsed.get(name)!;
    const offset = file.text.indexOf(needle) + delta;
    return hover({ file, offset, findings: ws.findings.get(file.uri)!, config, index: ws.index, registry: service.registry });
  };

  test('a finding: the rule, our words, a **Source** line and the docs link, not the message again', () => {
    const result = at('claim.yaml', 'ReadWriteMany', 2)!;
    expect(result.markdown).toMatch(/^\*\*pvc-fstype-access-mode\*\* \(error\)\n/);
    const finding = ws.findings.get('file:///ws/claim.yaml')!.find((f) => f.ruleId === 'pvc-fstype-access-mode')!;
    expect(result.markdown).not.toContain(finding.message);
    expect(result.markdown).toMatch(/_What it means:_/);
    expect(result.markdown).toMatch(/\*\*Source\*\* \(driver\)/);
    expect(result.markdown).toMatch(/docs\/rules\/pvc-fstype-access-mode\.md/);
  });

  test('parameter keys and values: the storage policy from the inventory, the datastore, fstype with the claims of the class', () => {
    expect(at('classes.yaml', 'storagepolicyname')!.markdown).toMatch(/SPBM/);
    expect(at('classes.yaml', 'gold-raid1')!.markdown).toMatch(/is in the inventory/);
    expect(at('classes.yaml', 'ds:///', 2)!.markdown).toMatch(/name `vsanDatastore`, type vsan, vSAN File Services enabled/);
    const fstype = at('classes.yaml', 'xfs')!.markdown;
    expect(fstype).toMatch(/Block volumes only/);
    expect(fstype).toMatch(/Claims of this class in the workspace: 1 \(ReadWriteMany 1\)/);
  });

  test('storageClassName shows the class it resolves to and its file', () => {
    expect(at('claim.yaml', 'gold')!.markdown).toMatch(/StorageClass `gold` in \[classes\.yaml:4\]\(file:\/\/\/ws\/classes\.yaml#L4\)/);
  });

  test('sources: the notes and the driver both shown, labelled', () => {
    const lines = sourceLines([
      { kind: 'note', title: 'T', blog: 'B', date: '2021-01-01', says: '256' },
      { kind: 'driver', path: 'p.go', versions: 'v3', says: '59' },
    ]);
    expect(lines[0]).toBe('**Source** (notes): “T”, B, 2021-01-01 — 256');
    expect(lines[1]).toMatch(/^\*\*Source\*\* \(driver\): kubernetes-sigs\/vsphere-csi-driver: p\.go \(v3\) — 59/);
    expect(lines[2]).toMatch(/both are shown/);
  });
});

describe('completion', () => {
  const ws = setup({ 'classes.yaml': CLASSES, 'claim.yaml': CLAIM });
  const run = (text: string, marker = '|') => {
    const offset = text.indexOf(marker);
    const clean = text.slice(0, offset) + text.slice(offset + marker.length);
    return complete({ text: clean, offset, config, index: ws.index, registry: service.registry });
  };

  test('reads the path from indentation, even in broken YAML', () => {
    const text = 'kind: StorageClass\nparameters:\n  a: "b\n  csi.storage.k8s.io/fstype: x\n  sto';
    const context = lineContext(text, text.length)!;
    expect(context.path).toEqual(['parameters']);
    expect(context.atKey).toBe(true);
    expect(context.kind).toBe('StorageClass');
    expect([...context.siblings].sort()).toEqual(['a', 'csi.storage.k8s.io/fstype']);
  });

  test('parameter keys per flavor', () => {
    const items = run('kind: StorageClass\nprovisioner: csi.vsphere.vmware.com\nparameters:\n  |\n');
    expect(items.map((i) => i.label).sort()).toEqual(['csi.storage.k8s.io/fstype', 'datastoreurl', 'storagepolicyname']);
    const guest = complete({ text: 'kind: StorageClass\nparameters:\n  \n', offset: 'kind: StorageClass\nparameters:\n  '.length, config: { ...config, driver: { ...config.driver, flavor: 'guest' } }, index: ws.index, registry: service.registry });
    expect(guest.map((i) => i.label)).toContain('svStorageClass');
  });

  test('values: policies (quoted when needed), datastores, fstype narrowed by the claims of the class', () => {
    const policies = run('kind: StorageClass\nparameters:\n  storagepolicyname: |\n');
    expect(policies.map((i) => i.insertText)).toEqual(['gold-raid1', 'vSAN Default Storage Policy']);
    const quoted = run('kind: StorageClass\nparameters:\n  storagepolicyname: "|"\n');
    expect(quoted[0]!.replaceStart).toBe('kind: StorageClass\nparameters:\n  storagepolicyname: "'.length);
    expect(run('kind: StorageClass\nparameters:\n  datastoreurl: |\n').map((i) => i.label)).toEqual(['ds:///vmfs/volumes/vsan:1/']);
    const fstypes = run('kind: StorageClass\nmetadata:\n  name: gold\nparameters:\n  csi.storage.k8s.io/fstype: |\n');
    expect(fstypes.map((i) => i.label).sort()).toEqual(['ext4', 'nfs4']);
  });

  test('storageClassName, provisioners, topology keys, access modes', () => {
    expect(run('kind: PersistentVolumeClaim\nspec:\n  storageClassName: g|\n').map((i) => i.label)).toEqual(['gold']);
    expect(run('kind: StatefulSet\nspec:\n  volumeClaimTemplates:\n    - spec:\n        storageClassName: |\n').map((i) => i.label)).toEqual(['gold']);
    expect(run('kind: StorageClass\nprovisioner: |\n').map((i) => i.label)).toEqual(['csi.vsphere.vmware.com', 'kubernetes.io/vsphere-volume']);
    const keys = run('kind: StorageClass\nallowedTopologies:\n  - matchLabelExpressions:\n      - key: |\n');
    expect(keys[0]!.label).toBe('topology.csi.vmware.com/k8s-zone');
    expect(run('kind: PersistentVolumeClaim\nspec:\n  accessModes:\n    - |\n').map((i) => i.label)).toContain('ReadWriteOncePod');
  });
});

describe('definition and references', () => {
  test('storageClassName ↔ metadata.name across files, volumeClaimTemplates included', () => {
    const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  volumeClaimTemplates:\n    - metadata: {name: d}\n      spec:\n        storageClassName: gold\n';
    const ws = setup({ 'classes.yaml': CLASSES, 'claim.yaml': CLAIM, 'sts.yaml': sts });
    const claim = ws.parsed.get('claim.yaml')!;
    const refs = classReferences(claim.objects);
    const symbol = classSymbolAt(claim, refs, claim.text.indexOf('gold') + 2)!;
    expect(definitionsOf(symbol, ws.index).map((l) => `${l.uri}:${l.range.start.line}`)).toEqual(['file:///ws/classes.yaml:3']);
    const classes = ws.parsed.get('classes.yaml')!;
    const declaration = classSymbolAt(classes, [], classes.text.indexOf('gold') + 1)!;
    expect(declaration.declaration).toBe(true);
    const all = [...ws.parsed.values()].flatMap((p) => classReferences(p.objects).map((r) => ({ ...r, uri: p.uri, range: p.lines().range(r.start, r.end) })));
    expect(referencesOf(declaration, ws.index, all, true).map((l) => `${l.uri.replace('file:///ws/', '')}:${l.range.start.line}`)).toEqual(['claim.yaml:6', 'classes.yaml:3', 'sts.yaml:8']);
  });
});

describe('code actions', () => {
  const text = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: f\nprovisioner: csi.vsphere.vmware.com\nparameters:\n    csi.storage.k8s.io/fstype: XFS # keep\n    csimigration: "true"\n';
  const uri = 'file:///ws/f.yaml';
  const findings = service.lintFiles([{ uri, text }]).get(uri)!;
  const actionsAt = (needle: string, only?: string[]) => {
    const offset = text.indexOf(needle);
    return codeActions({ uri, text, findings, start: offset, end: offset, ...(only ? { only } : {}), applyFixes: service.applyFixes, unusedSuppressionRule: 'unused-suppression' });
  };

  test('the fix is preferred, the comment stays; "disable for this line" keeps the indentation', () => {
    const actions = actionsAt('XFS');
    const fix = actions.find((a) => a.isPreferred)!;
    expect(applyEdits(text, fix.edits).text).toContain('    csi.storage.k8s.io/fstype: xfs # keep\n');
    const disable = actions.find((a) => a.title === 'Disable sc-invalid-fstype for this line')!;
    expect(applyEdits(text, disable.edits).text).toContain('    # vsphere-csi-lint-disable-next-line sc-invalid-fstype -- reason\n    csi.storage.k8s.io/fstype: XFS');
  });

  test('fix all applies the safe fixes together and only when asked for', () => {
    expect(actionsAt('XFS', ['quickfix']).some((a) => a.kind === FIX_ALL_KIND)).toBe(false);
    const [all] = actionsAt('apiVersion', ['source.fixAll']);
    expect(all!.kind).toBe(FIX_ALL_KIND);
    const fixed = applyEdits(text, all!.edits).text;
    expect(fixed).toContain('csi.storage.k8s.io/fstype: xfs # keep');
    expect(fixed).not.toContain('csimigration');
    expect(fixed).not.toContain('disable');
  });
});

describe('document symbols', () => {
  test('kind/name per document, List items as children, unnamed documents by kind', () => {
    const text = `${CLASSES}---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: a}}\n---\nkind: ConfigMap\n---\njust: data\n`;
    const parsed = service.parse({ uri: 'file:///ws/s.yaml', text });
    const symbols = documentSymbols(parsed.docs);
    expect(symbols.map((s) => s.name)).toEqual(['StorageClass/gold', 'List', 'ConfigMap']);
    expect(symbols[1]!.children!.map((c) => c.name)).toEqual(['PersistentVolumeClaim/a']);
    expect(text.slice(symbols[0]!.selectionStart, symbols[0]!.selectionEnd)).toBe('gold');
  });
});
