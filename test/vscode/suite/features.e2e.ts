// The language features through the real editor: diagnostics on the right lines, hovers that cite
// their source, quick fixes and Fix All, snippets that lint clean, navigation across files,
// settings reaching the server, rule explanations and the status request.
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import {
  activatedApi,
  fixture,
  hoverText,
  locationsOf,
  open,
  ours,
  positionOf,
  ruleOf,
  sleep,
  summary,
  waitFor,
  type VsphereCsiApi,
} from './util.js';

const BROKEN = 'broken/storageclass.yaml';
const CLASSES = 'storage/storageclasses.yaml';
const CLAIM = 'apps/database.yaml';
/** What the server reports in broken/storageclass.yaml, as rule@line (1-based). */
const BROKEN_FINDINGS = ['pvc-storage-class-not-found@19', 'sc-invalid-fstype@9', 'sc-unknown-parameter@10'];

function diagnosticOf(uri: vscode.Uri, rule: string): vscode.Diagnostic {
  const found = ours(uri).find((d) => ruleOf(d) === rule);
  if (!found) throw new Error(`no ${rule} diagnostic in ${uri.path}; have ${summary(uri).join(', ')}`);
  return found;
}

async function revert(uri: vscode.Uri): Promise<void> {
  await open(uri);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

suite('language features', () => {
  let api: VsphereCsiApi;

  suiteSetup(async () => {
    api = await activatedApi();
  });

  test('diagnostics appear on the right lines with source vsphere-csi, the rule id and its docs link', async () => {
    const uri = fixture(BROKEN);
    await open(uri);
    await waitFor(`diagnostics ${BROKEN_FINDINGS.join(', ')}`, () => summary(uri).join() === BROKEN_FINDINGS.join());
    const fstype = diagnosticOf(uri, 'sc-invalid-fstype');
    assert.equal(fstype.severity, vscode.DiagnosticSeverity.Error);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(fstype.range), 'EXT4');
    assert.equal(document.getText(diagnosticOf(uri, 'sc-unknown-parameter').range), 'datastorurl');
    assert.ok(typeof fstype.code === 'object' && fstype.code.target instanceof vscode.Uri, 'code carries codeDescription.href');
    assert.match(fstype.code.target.toString(), /sc-invalid-fstype/);
  });

  test('correct files stay clean, including a claim whose class lives in another folder', async () => {
    const classes = fixture(CLASSES);
    const claim = fixture(CLAIM);
    await open(classes);
    await open(claim);
    // Give the server time to publish for both files; nothing may show up.
    await sleep(1500);
    assert.deepEqual(summary(classes), []);
    assert.deepEqual(summary(claim), []);
  });

  test('a hover on a finding explains it and cites its **Source**', async () => {
    const uri = fixture(BROKEN);
    const document = (await open(uri)).document;
    const at = positionOf(document, 9, 'EXT4', 1);
    const text = await waitFor('a hover with a citation', async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at));
      return /\*\*Source\*\*/.test(t) ? t : undefined;
    });
    assert.match(text, /ext4/);
    assert.match(text, /What it means/);
    // The message is in the editor's own diagnostic hover; ours explains instead of repeating it.
    assert.ok(!text.includes(diagnosticOf(uri, 'sc-invalid-fstype').message), 'the hover does not repeat the diagnostic message');
  });

  test('a hover on the provisioner explains it', async () => {
    const uri = fixture(CLASSES);
    const document = (await open(uri)).document;
    const at = positionOf(document, 6, 'csi.vsphere.vmware.com', 3);
    const text = await waitFor('a provisioner hover', async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)));
    assert.match(text, /vSphere/);
  });

  test('a quick fix changes the document as expected', async () => {
    const uri = fixture(BROKEN);
    const document = (await open(uri)).document;
    await waitFor('the fstype finding', () => ours(uri).some((d) => ruleOf(d) === 'sc-invalid-fstype'));
    const diagnostic = diagnosticOf(uri, 'sc-invalid-fstype');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.edit && /ext4/.test(a.title));
    assert.ok(fix, `a quick fix to ext4 among: ${actions.map((a) => a.title).join(' | ')}`);
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.equal(document.lineAt(8).text, '  csi.storage.k8s.io/fstype: ext4');
      await waitFor('the fstype finding to go away', () => !ours(uri).some((d) => ruleOf(d) === 'sc-invalid-fstype'));
      assert.equal(document.lineAt(0).text, '# Deliberately wrong: the real-editor tests expect findings on the marked lines.');
    } finally {
      await revert(uri);
    }
  });

  test('the suggestion for an unknown parameter renames the key and keeps the value', async () => {
    const uri = fixture(BROKEN);
    const document = (await open(uri)).document;
    const diagnostic = await waitFor('the unknown-parameter finding', () => ours(uri).find((d) => ruleOf(d) === 'sc-unknown-parameter'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find((a) => a.edit && /datastoreurl/.test(a.title));
    assert.ok(rename, `a did-you-mean fix among: ${actions.map((a) => a.title).join(' | ')}`);
    try {
      await vscode.workspace.applyEdit(rename.edit!);
      assert.equal(document.lineAt(9).text, '  datastoreurl: "ds:///vmfs/volumes/vsan:52cd0e1bb2ac4f3e-8e9f4e1f34ca0e57/"');
    } finally {
      await revert(uri);
    }
  });

  test('Fix All in File applies the safe fixes (source.fixAll.vsphere-csi)', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: ['apiVersion: storage.k8s.io/v1', 'kind: StorageClass', 'metadata:', '  name: scratch', 'provisioner: csi.vsphere.vmware.com', 'parameters:', '  csi.storage.k8s.io/fstype: XFS', ''].join('\n'),
    });
    await vscode.window.showTextDocument(document);
    await waitFor('the fstype finding in an untitled file', () => ours(document.uri).some((d) => ruleOf(d) === 'sc-invalid-fstype'));
    const changed = await vscode.commands.executeCommand<boolean>('vsphereCsi.fixAllInFile');
    assert.equal(changed, true);
    assert.equal(document.lineAt(6).text, '  csi.storage.k8s.io/fstype: xfs');
    await waitFor('a clean file', () => summary(document.uri, vscode.DiagnosticSeverity.Warning).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a snippet inserts by name and lints clean', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nprovisioner: csi.vsphere.vmware.com\nparameters:\n  fstype: EXT4\n' });
    const editor = await vscode.window.showTextDocument(document);
    await waitFor('a finding before the snippet', () => summary(document.uri, vscode.DiagnosticSeverity.Warning).length > 0);
    editor.selection = new vscode.Selection(0, 0, document.lineCount, 0);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: 'vSphere StorageClass (block)' });
    assert.match(document.getText(), /^provisioner: csi\.vsphere\.vmware\.com$/m);
    assert.match(document.getText(), /name: vsphere-block/);
    await waitFor('the snippet to lint clean', () => summary(document.uri, vscode.DiagnosticSeverity.Warning).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a SnippetString from snippets/ inserts and lints clean', async () => {
    const extension = vscode.extensions.getExtension('vsphere-csi-lint.vsphere-csi-lint')!;
    const file = vscode.Uri.joinPath(extension.extensionUri, 'snippets', 'vsphere-csi.code-snippets');
    const snippets = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Record<string, { body: string[] }>;
    const body = snippets['vSphere VolumeSnapshotClass']?.body;
    assert.ok(body, 'the VolumeSnapshotClass snippet exists');
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\ndriver: csi.vsphere.vmware.co\n' });
    const editor = await vscode.window.showTextDocument(document);
    await waitFor('a finding before the snippet', () => summary(document.uri, vscode.DiagnosticSeverity.Warning).length > 0);
    await editor.insertSnippet(new vscode.SnippetString(body.join('\n')), new vscode.Range(0, 0, document.lineCount, 0));
    assert.match(document.getText(), /^driver: csi\.vsphere\.vmware\.com$/m);
    await waitFor('the snippet to lint clean', () => summary(document.uri, vscode.DiagnosticSeverity.Warning).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test("go to definition from a claim's storageClassName lands on the StorageClass in another folder", async () => {
    const claim = fixture(CLAIM);
    const document = (await open(claim)).document;
    const at = positionOf(document, 9, 'gold', 1);
    const target = await waitFor('a definition', async () =>
      locationsOf(await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', claim, at))[0],
    );
    assert.equal(target.uri.toString(), fixture(CLASSES).toString());
    assert.equal(target.range.start.line, 4, 'the `name: gold` line of the StorageClass');
  });

  test('find references from the StorageClass name includes the claim', async () => {
    const classes = fixture(CLASSES);
    const document = (await open(classes)).document;
    const at = positionOf(document, 5, 'gold', 1);
    const refs = await waitFor('references', async () => {
      const found = locationsOf(await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', classes, at));
      return found.some((l) => l.uri.toString() === fixture(CLAIM).toString()) ? found : undefined;
    });
    assert.equal(refs.find((l) => l.uri.toString() === fixture(CLAIM).toString())?.range.start.line, 8);
  });

  test('document symbols outline kind and name per document', async () => {
    const uri = fixture(BROKEN);
    await open(uri);
    const symbols = await vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation>>('vscode.executeDocumentSymbolProvider', uri);
    const names = (symbols ?? []).map((s) => s.name).join(' | ');
    assert.match(names, /fast/);
    assert.match(names, /cache/);
  });

  test('vsphereCsi.rules settings reach the server', async () => {
    const uri = fixture(BROKEN);
    await open(uri);
    await waitFor('the fstype finding', () => ours(uri).some((d) => ruleOf(d) === 'sc-invalid-fstype'));
    const config = vscode.workspace.getConfiguration('vsphereCsi');
    await config.update('rules', { 'sc-invalid-fstype': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the rule to be turned off', () => !ours(uri).some((d) => ruleOf(d) === 'sc-invalid-fstype'));
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the rule to come back', () => ours(uri).some((d) => ruleOf(d) === 'sc-invalid-fstype'));
  });

  test('Explain Rule shows the rule documentation as Markdown', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('vsphereCsi.explainRule', 'sc-invalid-fstype');
    assert.ok(uri, 'a document was opened');
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(text, /sc-invalid-fstype/);
    assert.match(text, /ext4/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the language status item shows the driver version and flavor, and the config file that applies', async () => {
    await open(fixture(BROKEN));
    const shown = await waitFor('the language status item', () => {
      const view = api.languageStatus();
      return !view.busy && view.text === 'vSphere CSI 3.7.3 (vanilla)' ? view : undefined;
    });
    assert.equal(shown.detail, '.vsphere-csi.yaml, vSphere 8.0.2');
    assert.equal(shown.severity, vscode.LanguageStatusSeverity.Information);
    assert.equal(shown.command, 'vscode.open', 'its command opens the config file');
  });

  for (const [file, rule, line] of [
    ['nodes/csi-vsphere.conf', 'csi-conf-insecure-tls', 8],
    ['nodes/node.vmx', 'vm-disk-uuid-disabled', 4],
    ['nodes/prepare-node.sh', 'vm-disk-uuid-disabled', 3],
  ] as const) {
    test(`${file.slice(file.indexOf('/') + 1)} is linted too (the client selects the non-YAML files the CLI lints)`, async () => {
      const uri = fixture(file);
      await open(uri);
      await waitFor(`${rule}@${line} in ${file}`, () => summary(uri).includes(`${rule}@${line}`));
    });
  }

  test('the status request names the config file and the driver', async () => {
    const status = await api.documentStatus(fixture(BROKEN));
    assert.ok(status.configFile, 'a config file applies');
    assert.match(status.configFile, /\.vsphere-csi\.yaml$/);
    assert.equal(status.driverVersion, '3.7.3');
    assert.equal(status.flavor, 'vanilla');
    assert.equal(status.vsphereVersion, '8.0.2');
  });
});
