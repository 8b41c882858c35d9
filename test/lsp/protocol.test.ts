// Protocol tests: the built server (`node server/dist/server.js --stdio`) driven over JSON-RPC the
// way an editor drives it. Build first (`npm run build`; `npm test` does).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspClient, applyTextEdits, fileUri, positionAt, serverBuilt } from './client.js';
import { BROKEN, CLAIM, CLASSES, CONFIG, STATEFULSET, standardWorkspace, type Workspace } from './fixtures.js';

const DOCS = 'https://github.com/vsphere-csi-lint/vsphere-csi-lint/blob/main/docs/rules/';

if (!serverBuilt()) throw new Error('server/dist/server.js is missing: run `npm run build` first (npm test does).');

function byCode(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === code);
  if (!found) throw new Error(`no ${code} among ${diagnostics.map((d) => d.code).join(', ')}`);
  return found;
}

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const contents = hover.contents as MarkupContent;
  return contents.value;
}

describe('language server over stdio', () => {
  let ws: Workspace;
  let client: LspClient;
  let brokenUri: string;
  let claimUri: string;
  let classesUri: string;
  let stsUri: string;

  beforeAll(async () => {
    ws = standardWorkspace();
    brokenUri = fileUri(ws.file('apps/broken.yaml'));
    claimUri = fileUri(ws.file('apps/claim.yaml'));
    classesUri = fileUri(ws.file('storage/classes.yaml'));
    stsUri = fileUri(ws.file('apps/statefulset.yaml'));
    client = await LspClient.start({ folders: [ws.root], settings: { enable: true, rules: {}, configFile: '' } });
    await client.indexed();
  });

  afterAll(async () => {
    await client?.stop();
    ws?.remove();
  });

  test('the workspace is indexed in the background with work-done progress (begin, reports, end)', () => {
    const kinds = client.progress.map((p) => p.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds).toContain('end');
    expect(new Set(client.progress.map((p) => p.token)).size).toBe(1);
  });

  test('diagnostics: exact ranges, source, code with its docs link, severity, Deprecated tag', async () => {
    client.open(brokenUri, BROKEN);
    const diagnostics = await client.diagnosticsOf(brokenUri);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['sc-in-tree-provisioner', 'sc-invalid-fstype', 'sc-migration-parameter', 'sc-unknown-parameter']);
    for (const d of diagnostics) {
      expect(d.source).toBe('vsphere-csi');
      expect(d.codeDescription?.href).toBe(`${DOCS}${String(d.code)}.md`);
    }
    const fstype = byCode(diagnostics, 'sc-invalid-fstype');
    expect(fstype.range).toEqual({ start: { line: 8, character: 29 }, end: { line: 8, character: 33 } });
    expect(fstype.severity).toBe(1);
    const unknown = byCode(diagnostics, 'sc-unknown-parameter');
    expect(unknown.range).toEqual({ start: { line: 6, character: 2 }, end: { line: 6, character: 15 } });
    const inTree = byCode(diagnostics, 'sc-in-tree-provisioner');
    expect(inTree.range.start).toEqual({ line: 15, character: 13 });
    expect(inTree.severity).toBe(2);
    expect(inTree.tags).toEqual([2]); // DiagnosticTag.Deprecated
  });

  test('a deprecated parameter key is tagged Deprecated', async () => {
    const uri = fileUri(ws.file('apps/deprecated.yaml'));
    client.open(uri, ['apiVersion: storage.k8s.io/v1', 'kind: StorageClass', 'metadata:', '  name: old-key', 'provisioner: csi.vsphere.vmware.com', 'parameters:', '  fstype: ext4', ''].join('\n'));
    const d = byCode(await client.diagnosticsOf(uri, (ds) => ds.length > 0), 'sc-fstype-deprecated');
    expect(d.range.start).toEqual({ line: 6, character: 2 });
    expect(d.tags).toEqual([2]);
    client.close(uri);
  });

  test('cross-file finding: a ReadWriteMany claim on an xfs class in a file that is not open, with related information', async () => {
    client.open(claimUri, CLAIM);
    const diagnostics = await client.diagnosticsOf(claimUri, (ds) => ds.some((d) => d.code === 'pvc-fstype-access-mode'));
    const d = byCode(diagnostics, 'pvc-fstype-access-mode');
    expect(d.range.start.line).toBe(7);
    expect(d.relatedInformation?.[0]?.location).toEqual({ uri: classesUri, range: { start: { line: 4, character: 8 }, end: { line: 4, character: 12 } } });
    expect(d.relatedInformation?.[0]?.message).toMatch(/gold/);
    expect(diagnostics.some((x) => x.code === 'pvc-storage-class-not-found')).toBe(false);
  });

  test('hover on a finding explains it and cites a **Source**', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: brokenUri }, position: { line: 8, character: 31 } });
    const text = hoverText(hover);
    expect(text).toMatch(/sc-invalid-fstype/);
    expect(text).toMatch(/\*\*Source\*\* \(driver\): kubernetes-sigs\/vsphere-csi-driver: pkg\/csi\/service\/common\/util\.go/);
    expect(text).toMatch(/What it means/);
    const finding = byCode(await client.diagnosticsOf(brokenUri), 'sc-invalid-fstype');
    expect(text).not.toContain(finding.message);
    expect(hover?.range).toEqual({ start: { line: 8, character: 29 }, end: { line: 8, character: 33 } });
  });

  test('hover on the provisioner, a parameter key, and storageClassName', async () => {
    const provisioner = hoverText(await client.request('textDocument/hover', { textDocument: { uri: brokenUri }, position: { line: 4, character: 20 } }));
    expect(provisioner).toMatch(/vSphere CSI driver/);
    expect(provisioner).toMatch(/\*\*Source\*\* \(notes\): “Kubernetes vSphere CSI Driver”/);
    const inTree = hoverText(await client.request('textDocument/hover', { textDocument: { uri: brokenUri }, position: { line: 15, character: 20 } }));
    expect(inTree).toMatch(/removed in Kubernetes 1\.30/);
    const key = hoverText(await client.request('textDocument/hover', { textDocument: { uri: brokenUri }, position: { line: 8, character: 6 } }));
    expect(key).toMatch(/parameters: csi\.storage\.k8s\.io\/fstype/);
    const className = hoverText(await client.request('textDocument/hover', { textDocument: { uri: claimUri }, position: { line: 8, character: 22 } }));
    expect(className).toMatch(/StorageClass `gold` in \[storage\/classes\.yaml:5\]/);
    expect(className).toMatch(/fstype: `xfs`/);
    const mode = hoverText(await client.request('textDocument/hover', { textDocument: { uri: claimUri }, position: { line: 7, character: 10 } }));
    expect(mode).toMatch(/file volume/);
  });

  /** Opens `text` as apps/<name> and waits for its diagnostics; `at` hovers on the first `needle` (plus `delta`). */
  async function openForHover(name: string, text: string) {
    const uri = fileUri(ws.file(`apps/${name}`));
    client.open(uri, text);
    await client.diagnosticsOf(uri);
    const at = async (needle: string, delta = 1) => hoverText(await client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, text.indexOf(needle) + delta) }));
    return { at, close: () => client.close(uri) };
  }

  test('hover on every parameters key and value, fstype, volumeBindingMode, allowedTopologies keys; each cites a **Source**', async () => {
    const { at, close } = await openForHover(
      'hover-class.yaml',
      `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: hover-me
provisioner: csi.vsphere.vmware.com
parameters:
  storagepolicyname: "gold-raid1"
  datastoreurl: "ds:///vmfs/volumes/vsan:52cd0e1bb2ac4f3e-8e9f4e1f34ca0e57/"
  csi.storage.k8s.io/fstype: ext4
  fstype: ext4
  csimigration: "true"
  csi.storage.k8s.io/provisioner-secret-name: creds
  svStorageClass: gold
volumeBindingMode: WaitForFirstConsumer
allowedTopologies:
  - matchLabelExpressions:
      - key: topology.csi.vmware.com/k8s-zone
        values: [zone-a]
`,
    );
    const cases: Array<[string, RegExp]> = [
      ['storagepolicyname:', /parameters: storagepolicyname/],
      ['"gold-raid1"', /`gold-raid1` is in the inventory/],
      ['datastoreurl:', /parameters: datastoreurl/],
      ['"ds:///', /In the inventory: name `vsanDatastore`/],
      ['csi.storage.k8s.io/fstype:', /parameters: csi\.storage\.k8s\.io\/fstype/],
      ['ext4\n  fstype', /fstype ext4/],
      ['fstype: ext4\n  csimigration', /deprecated/],
      ['csimigration', /migration-internal/],
      ['provisioner-secret-name', /secret reference/],
      ['svStorageClass', /Not accepted on vanilla/],
      ['WaitForFirstConsumer', /volumeBindingMode: WaitForFirstConsumer/],
      ['topology.csi.vmware.com/k8s-zone', /topology key topology\.csi\.vmware\.com\/k8s-zone[\s\S]*The category is configured/],
    ];
    for (const [needle, expected] of cases) {
      const hover = await at(needle);
      expect(hover, `hover on ${needle}`).toMatch(expected);
      expect(hover, `hover on ${needle} cites a source`).toMatch(/\*\*Source\*\* \((notes|driver|Kubernetes)\): /);
    }
    close();
  });

  test('hover on volumeMode, accessModes and snapshot classes', async () => {
    const snapshotClass = 'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\nmetadata:\n  name: vsc\ndriver: csi.vsphere.vmware.com\ndeletionPolicy: Delete\n';
    const snapshot = 'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshot\nmetadata:\n  name: snap\nspec:\n  volumeSnapshotClassName: vsc\n  source:\n    persistentVolumeClaimName: raw\n';
    const claim = CLAIM.replace('name: shared', 'name: raw').replace('ReadWriteMany', 'ReadWriteOnce').replace('  storageClassName:', '  volumeMode: Block\n  storageClassName:');
    const { at, close } = await openForHover('hover-snap.yaml', [snapshotClass, snapshot, claim].join('---\n'));
    expect(await at('kind: VolumeSnapshotClass', 8)).toMatch(/CNS snapshots[\s\S]*\*\*Source\*\*/);
    expect(await at('driver:')).toMatch(/VolumeSnapshotClass driver[\s\S]*\*\*Source\*\*/);
    expect(await at('deletionPolicy')).toMatch(/`Retain` keeps it/);
    expect(await at('volumeSnapshotClassName: vsc', 26)).toMatch(/VolumeSnapshotClass `vsc` in \[apps\/hover-snap\.yaml:4\]/);
    expect(await at('ReadWriteOnce')).toMatch(/accessModes: ReadWriteOnce[\s\S]*block volume[\s\S]*\*\*Source\*\*/);
    expect(await at('Block\n')).toMatch(/volumeMode: Block[\s\S]*\*\*Source\*\*/);
    close();
  });

  test('hover on the high-density feature state shows both the notes (256) and the driver (59/255)', async () => {
    const uri = fileUri(ws.file('apps/features.yaml'));
    client.open(uri, ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: internal-feature-states.csi.vsphere.vmware.com', '  namespace: vmware-system-csi', 'data:', '  high-pv-node-density: "true"', ''].join('\n'));
    await client.diagnosticsOf(uri);
    const text = hoverText(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 5 } }));
    expect(text).toMatch(/256/);
    expect(text).toMatch(/59/);
    expect(text).toMatch(/255/);
    expect(text).toMatch(/\*\*Source\*\* \(notes\)/);
    expect(text).toMatch(/\*\*Source\*\* \(driver\)/);
    client.close(uri);
  });

  test('completion: parameter keys, storage policies, datastores, class names, topology keys, provisioners, fstype for the claims', async () => {
    const uri = fileUri(ws.file('apps/new.yaml'));
    const text = ['apiVersion: storage.k8s.io/v1', 'kind: StorageClass', 'metadata:', '  name: files', 'provisioner: ', 'parameters:', '  storagepolicyname: ', '  datastoreurl: ', '  csi.storage.k8s.io/fstype: ', '  ', 'allowedTopologies:', '  - matchLabelExpressions:', '      - key: ', ''].join('\n');
    client.open(uri, text);
    await client.diagnosticsOf(uri);
    const at = (line: number, character: number) => client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: { line, character } }).then((r) => (Array.isArray(r) ? r : r.items));
    const labels = async (line: number, character: number) => (await at(line, character)).map((i) => i.label);
    expect(await labels(4, 13)).toEqual(expect.arrayContaining(['csi.vsphere.vmware.com']));
    expect(await labels(9, 2)).toEqual([]); // every vanilla key is there already
    const keysUri = fileUri(ws.file('apps/keys.yaml'));
    client.open(keysUri, 'kind: StorageClass\napiVersion: storage.k8s.io/v1\nprovisioner: csi.vsphere.vmware.com\nparameters:\n  storagepolicyname: gold-raid1\n  \n');
    await client.diagnosticsOf(keysUri);
    const keys = await at2(client, keysUri, 5, 2);
    expect(keys.map((i) => i.label).sort()).toEqual(['csi.storage.k8s.io/fstype', 'datastoreurl']);
    const datastoreKey = keys.find((i) => i.label === 'datastoreurl')!;
    expect((datastoreKey.documentation as MarkupContent).value).toMatch(/Checked by `sc-unknown-datastore`/);
    expect(datastoreKey.textEdit).toEqual({ range: { start: { line: 5, character: 2 }, end: { line: 5, character: 2 } }, newText: 'datastoreurl: ' });
    client.close(keysUri);
    expect(await labels(6, 21)).toEqual(['gold-raid1', 'vSAN Default Storage Policy']);
    expect(await labels(7, 16)).toEqual(['ds:///vmfs/volumes/vsan:52cd0e1bb2ac4f3e-8e9f4e1f34ca0e57/']);
    expect(await labels(12, 13)).toEqual(expect.arrayContaining(['topology.csi.vmware.com/k8s-region', 'topology.csi.vmware.com/k8s-zone']));
    // "files" is used by no claim yet: every fstype; a ReadWriteMany claim of it narrows to file-volume types.
    expect(await labels(8, 29)).toEqual(expect.arrayContaining(['ext4', 'xfs', 'nfs4']));
    const rwxUri = fileUri(ws.file('apps/rwx.yaml'));
    client.open(rwxUri, CLAIM.replace('name: shared', 'name: shared-files').replace('storageClassName: gold', 'storageClassName: files'));
    await client.diagnosticsOf(rwxUri);
    expect((await labels(8, 29)).sort()).toEqual(['ext4', 'nfs4']);
    client.close(rwxUri);
    client.close(uri);
    const claimNew = fileUri(ws.file('apps/claim2.yaml'));
    client.open(claimNew, 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c2\nspec:\n  storageClassName: \n  accessModes:\n    - \n');
    await client.diagnosticsOf(claimNew);
    const classes = await at2(client, claimNew, 5, 20);
    expect(classes.map((i) => i.label)).toEqual(expect.arrayContaining(['gold', 'files']));
    expect(classes.find((i) => i.label === 'gold')?.detail).toMatch(/storage\/classes\.yaml/);
    expect((await at2(client, claimNew, 7, 6)).map((i) => i.label)).toEqual(expect.arrayContaining(['ReadWriteOnce', 'ReadWriteMany']));
    client.close(claimNew);
  });

  test('quick fix: the preferred fix changes only the value, comments and indentation stay', async () => {
    const diagnostics = await client.diagnosticsOf(brokenUri);
    const d = byCode(diagnostics, 'sc-invalid-fstype');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: brokenUri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix.title).toMatch(/ext4/);
    expect(fix.kind).toBe('quickfix');
    expect(fix.diagnostics?.[0]?.code).toBe('sc-invalid-fstype');
    const after = applyTextEdits(BROKEN, fix.edit!.changes![brokenUri]!);
    expect(after.split('\n')[8]).toBe('  csi.storage.k8s.io/fstype: ext4');
    expect(after.split('\n')[7]).toBe('  # the case matters for the driver');
    expect(after.replace('fstype: ext4\n  csimigration', 'fstype: EXT4\n  csimigration')).toBe(BROKEN);
  });

  test('quick fix: did-you-mean for an unknown key keeps the value', async () => {
    const diagnostics = await client.diagnosticsOf(brokenUri);
    const d = byCode(diagnostics, 'sc-unknown-parameter');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: brokenUri }, range: d.range, context: { diagnostics: [d] } });
    const rename = actions.find((a) => /storagepolicyname/.test(a.title))!;
    expect(applyTextEdits(BROKEN, rename.edit!.changes![brokenUri]!).split('\n')[6]).toBe('  storagepolicyname: "gold-raid1"');
  });

  test('"Disable <rule> for this line" inserts the suppression comment with the line\'s indentation, and the finding goes away', async () => {
    const uri = fileUri(ws.file('apps/suppress.yaml'));
    client.open(uri, BROKEN);
    const d = byCode(await client.diagnosticsOf(uri), 'sc-migration-parameter');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const disable = actions.find((a) => a.title === 'Disable sc-migration-parameter for this line')!;
    expect(disable.kind).toBe('quickfix');
    const edits = disable.edit!.changes![uri]!;
    const after = applyTextEdits(BROKEN, edits);
    expect(after.split('\n')[9]).toBe('  # vsphere-csi-lint-disable-next-line sc-migration-parameter -- reason');
    expect(after.split('\n')[10]).toBe('  csimigration: "true"');
    client.change(uri, edits.map((e) => ({ range: e.range, text: e.newText })));
    const diagnostics = await client.diagnosticsOf(uri);
    expect(diagnostics.some((x) => x.code === 'sc-migration-parameter')).toBe(false);
    expect(diagnostics.some((x) => x.code === 'unused-suppression')).toBe(false);
    client.close(uri);
  });

  test('source.fixAll.vsphere-csi applies every safe fix and never a suppression', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: brokenUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.vsphere-csi'] },
    });
    expect(actions).toHaveLength(1);
    expect(actions[0]!.kind).toBe('source.fixAll.vsphere-csi');
    const after = applyTextEdits(BROKEN, actions[0]!.edit!.changes![brokenUri]!);
    expect(after).not.toMatch(/vsphere-csi-lint-disable/);
    expect(after).toMatch(/csi\.storage\.k8s\.io\/fstype: ext4/);
    expect(after).not.toMatch(/csimigration/);
    expect(after).toMatch(/provisioner: csi\.vsphere\.vmware\.com\nparameters:\n {2}csi\.storage\.k8s\.io\/fstype: ext4\n$/);
    const uri = fileUri(ws.file('apps/fixed.yaml'));
    client.open(uri, after);
    const remaining = await client.diagnosticsOf(uri);
    expect(remaining.map((d) => d.code)).toEqual(['sc-unknown-parameter']);
    client.close(uri);
  });

  test('go to definition from storageClassName (claim and volumeClaimTemplate) lands on the class in another file', async () => {
    const fromClaim = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: claimUri }, position: { line: 8, character: 21 } });
    expect(fromClaim).toEqual([{ uri: classesUri, range: { start: { line: 4, character: 8 }, end: { line: 4, character: 12 } } }]);
    client.open(stsUri, STATEFULSET);
    await client.diagnosticsOf(stsUri);
    const fromTemplate = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: stsUri }, position: { line: 21, character: 28 } });
    expect(fromTemplate[0]?.uri).toBe(classesUri);
  });

  test('find references from the class name lists the claim and the volumeClaimTemplate', async () => {
    client.open(classesUri, CLASSES);
    await client.diagnosticsOf(classesUri);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: classesUri }, position: { line: 4, character: 10 }, context: { includeDeclaration: true } });
    const summary = refs.map((r) => `${r.uri.slice(r.uri.lastIndexOf('/') + 1)}:${r.range.start.line}`).sort();
    expect(summary).toEqual(['claim.yaml:8', 'classes.yaml:4', 'statefulset.yaml:21']);
    client.close(classesUri);
  });

  test('document symbols: kind/name per document, List items as children', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: brokenUri } });
    expect(symbols.map((s) => s.name)).toEqual(['StorageClass/fast', 'StorageClass/legacy']);
    expect(symbols[0]!.selectionRange.start).toEqual({ line: 3, character: 8 });
    const uri = fileUri(ws.file('apps/list.yaml'));
    client.open(uri, ['apiVersion: v1', 'kind: List', 'items:', '  - apiVersion: v1', '    kind: PersistentVolumeClaim', '    metadata: {name: a}', '  - apiVersion: v1', '    kind: ConfigMap', '    metadata: {name: b}', ''].join('\n'));
    await client.diagnosticsOf(uri);
    const list = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(list[0]!.name).toBe('List');
    expect(list[0]!.children?.map((c) => c.name)).toEqual(['PersistentVolumeClaim/a', 'ConfigMap/b']);
    client.close(uri);
  });

  test('custom requests: explainRule, listRules, documentStatus', async () => {
    const explained = await client.request<{ markdown: string } | null>('vsphereCsi/explainRule', { ruleId: 'sc-invalid-fstype' });
    expect(explained?.markdown).toMatch(/^# sc-invalid-fstype/);
    expect(await client.request('vsphereCsi/explainRule', { ruleId: 'no-such-rule' })).toBeNull();
    const rules = await client.request<Array<{ id: string; description: string; defaultSeverity: string }>>('vsphereCsi/listRules', {});
    expect(rules.find((r) => r.id === 'sc-invalid-fstype')?.defaultSeverity).toBe('error');
    const status = await client.request<{ configFile: string | null; driverVersion: string; flavor: string; vsphereVersion: string | null }>('vsphereCsi/documentStatus', { uri: brokenUri });
    expect(status).toEqual({ configFile: fileUri(ws.file('.vsphere-csi.yaml')), driverVersion: '3.7.3', flavor: 'vanilla', vsphereVersion: '8.0.2' });
  });

  test('a file created on disk is indexed when the watcher reports it', async () => {
    const uri = fileUri(ws.file('apps/silver-claim.yaml'));
    client.open(uri, CLAIM.replace('name: shared', 'name: s').replace('storageClassName: gold', 'storageClassName: silver').replace('ReadWriteMany', 'ReadWriteOnce'));
    await client.diagnosticsOf(uri, (ds) => ds.some((d) => d.code === 'pvc-storage-class-not-found'));
    const created = ws.write('storage/silver.yaml', CLASSES.split('---')[0]!.replace('name: gold', 'name: silver'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(created), type: 1 }] });
    await client.diagnosticsOf(uri, (ds) => !ds.some((d) => d.code === 'pvc-storage-class-not-found'));
    fs.rmSync(created);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(created), type: 3 }] });
    await client.diagnosticsOf(uri, (ds) => ds.some((d) => d.code === 'pvc-storage-class-not-found'));
    client.close(uri);
  });

  test('editing a class in one open file re-validates a claim in another', async () => {
    client.open(classesUri, CLASSES);
    await client.diagnosticsOf(classesUri);
    await client.diagnosticsOf(claimUri, (ds) => ds.some((d) => d.code === 'pvc-fstype-access-mode'));
    const text = client.textOf(classesUri);
    const at = text.indexOf('xfs');
    client.edit(classesUri, at, at + 3, 'nfs4');
    await client.diagnosticsOf(claimUri, (ds) => !ds.some((d) => d.code === 'pvc-fstype-access-mode'));
    // Lines inserted above the class move the related location of the finding that comes back.
    client.edit(classesUri, at, at + 4, 'xfs');
    client.edit(classesUri, 0, 0, '# one\n# two\n');
    const back = await client.diagnosticsOf(claimUri, (ds) => ds.find((d) => d.code === 'pvc-fstype-access-mode')?.relatedInformation?.[0]?.location.range.start.line === 6);
    expect(byCode(back, 'pvc-fstype-access-mode').relatedInformation?.[0]?.location.uri).toBe(classesUri);
    client.close(classesUri);
    // Closed: the facts on disk count again.
    await client.diagnosticsOf(claimUri, (ds) => ds.find((d) => d.code === 'pvc-fstype-access-mode')?.relatedInformation?.[0]?.location.range.start.line === 4);
  });

  test('re-validation after .vsphere-csi.yaml changes', async () => {
    await client.diagnosticsOf(brokenUri, (ds) => ds.some((d) => d.code === 'sc-invalid-fstype'));
    const configPath = ws.write('.vsphere-csi.yaml', `${CONFIG}rules:\n  sc-invalid-fstype: off\ndriver:\n  version: 3.6.0\n`.replace(/^driver:\n {2}version: 3\.7\.3\n {2}flavor: vanilla\n/, ''));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(configPath), type: 2 }] });
    await client.diagnosticsOf(brokenUri, (ds) => !ds.some((d) => d.code === 'sc-invalid-fstype'));
    const status = await client.request<{ driverVersion: string }>('vsphereCsi/documentStatus', { uri: brokenUri });
    expect(status.driverVersion).toBe('3.6.0');
    ws.write('.vsphere-csi.yaml', CONFIG);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(configPath), type: 2 }] });
    await client.diagnosticsOf(brokenUri, (ds) => ds.some((d) => d.code === 'sc-invalid-fstype'));
  });

  test('an open .vsphere-csi.yaml reports its own problems', async () => {
    const uri = fileUri(ws.file('.vsphere-csi.yaml'));
    client.open(uri, `${CONFIG}rules:\n  sc-invalid-fstyp: off\n`);
    const diagnostics = await client.diagnosticsOf(uri, (ds) => ds.length > 0);
    expect(diagnostics[0]!.code).toBe('config-invalid');
    expect(diagnostics[0]!.message).toMatch(/Did you mean "sc-invalid-fstype"/);
    client.close(uri);
  });

  test('settings: vsphereCsi.rules overrides and vsphereCsi.enable', async () => {
    client.settings = { enable: true, rules: { 'sc-unknown-parameter': 'off', 'sc-migration-parameter': 'info' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const diagnostics = await client.diagnosticsOf(brokenUri, (ds) => !ds.some((d) => d.code === 'sc-unknown-parameter'));
    expect(byCode(diagnostics, 'sc-migration-parameter').severity).toBe(3);
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsOf(brokenUri, (ds) => ds.length === 0);
    client.settings = { enable: true, rules: {}, configFile: '' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsOf(brokenUri, (ds) => ds.some((d) => d.code === 'sc-unknown-parameter'));
  });

  test('files under node_modules are not indexed', async () => {
    const uri = fileUri(ws.file('apps/hidden-claim.yaml'));
    client.open(uri, CLAIM.replace('storageClassName: gold', 'storageClassName: hidden'));
    const diagnostics = await client.diagnosticsOf(uri, (ds) => ds.length > 0);
    expect(diagnostics.some((d) => d.code === 'pvc-storage-class-not-found')).toBe(true);
    client.close(uri);
  });

  test('bad requests get empty answers and the server stays up', async () => {
    expect(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.yaml' }, position: { line: 0, character: 0 } })).toBeNull();
    expect(await client.request('textDocument/definition', { textDocument: { uri: brokenUri }, position: { line: 9999, character: 9999 } })).toEqual([]);
    expect(await client.request('textDocument/codeAction', { textDocument: { uri: brokenUri }, range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })).toBeDefined();
    await expect(client.request('vsphereCsi/documentStatus', null)).resolves.toBeDefined();
    expect(client.exited).toBeUndefined();
    expect(await client.request('vsphereCsi/explainRule', { ruleId: 'sc-invalid-fstype' })).not.toBeNull();
  });
});

async function at2(client: LspClient, uri: string, line: number, character: number): Promise<CompletionItem[]> {
  const r = await client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  return Array.isArray(r) ? r : r.items;
}

describe('cold start', () => {
  test('a client without workspace/configuration gets settings from initializationOptions', async () => {
    const ws = standardWorkspace();
    const client = await LspClient.start({ folders: [ws.root], noConfiguration: true, initializationOptions: { vsphereCsi: { rules: { 'sc-invalid-fstype': 'off' } } } });
    try {
      const uri = fileUri(ws.file('apps/broken.yaml'));
      client.open(uri, BROKEN);
      const diagnostics = await client.diagnosticsOf(uri, (ds) => ds.length > 0);
      expect(diagnostics.some((d) => d.code === 'sc-invalid-fstype')).toBe(false);
      expect(diagnostics.some((d) => d.code === 'sc-unknown-parameter')).toBe(true);
    } finally {
      await client.stop();
      ws.remove();
    }
  });
});
