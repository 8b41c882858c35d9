// The extension as installed: it activates in the fixture workspace, contributes its commands,
// settings and snippets, leaves the `yaml` language alone, and creates inventory files.
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, activatedApi, fixture, open, waitFor, workspaceRoot } from './util.js';

const COMMANDS = ['vsphereCsi.restartServer', 'vsphereCsi.showOutput', 'vsphereCsi.explainRule', 'vsphereCsi.fixAllInFile', 'vsphereCsi.createInventoryFile', 'vsphereCsi.pullInventory'];

suite('extension', () => {
  suiteSetup(async () => {
    console.log(`VS Code ${vscode.version} (${vscode.env.appName}, uiKind ${vscode.env.uiKind}), Node ${process.version}`);
  });

  test('is installed and activates by itself in a workspace with .vsphere-csi.yaml', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    // workspaceContains:**/.vsphere-csi.yaml activates it without opening a file.
    await waitFor('activation', () => extension.isActive, 60_000);
    await activatedApi();
  });

  test('registers its commands', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const command of COMMANDS) assert.ok(commands.has(command), `${command} is registered`);
  });

  test('contributes its settings with their defaults', () => {
    const config = vscode.workspace.getConfiguration('vsphereCsi');
    assert.equal(config.inspect('enable')?.defaultValue, true);
    assert.deepEqual(config.inspect('rules')?.defaultValue, {});
    assert.equal(config.inspect('configFile')?.defaultValue, '');
    assert.equal(config.inspect('trace.server')?.defaultValue, 'off');
    for (const key of ['inventory.server', 'inventory.caFile', 'inventory.datacenter']) assert.equal(config.inspect(key)?.defaultValue, '', key);
  });

  test('leaves YAML files in the yaml language', async () => {
    const editor = await open(fixture('storage/storageclasses.yaml'));
    assert.equal(editor.document.languageId, 'yaml');
  });

  test('Show Output and Restart Server run', async () => {
    await vscode.commands.executeCommand('vsphereCsi.showOutput');
    await vscode.commands.executeCommand('vsphereCsi.restartServer');
    await activatedApi();
  });

  test('Create Inventory File never overwrites an existing .vsphere-csi.yaml', async () => {
    const target = fixture('.vsphere-csi.yaml');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    const result = await vscode.commands.executeCommand<{ uri: vscode.Uri; created: boolean }>('vsphereCsi.createInventoryFile', workspaceRoot());
    assert.equal(result?.created, false);
    assert.equal(result?.uri.toString(), target.toString());
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), before);
  });

  test('Create Inventory File writes the commented template into a folder', async () => {
    const folder = fixture('new-team');
    await vscode.workspace.fs.createDirectory(folder);
    try {
      const result = await vscode.commands.executeCommand<{ uri: vscode.Uri; created: boolean }>('vsphereCsi.createInventoryFile', folder);
      assert.equal(result?.created, true);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.vsphere-csi.yaml')));
      assert.match(text, /^driver:\n {2}version: "\d+\.\d+\.\d+"/m);
      assert.match(text, /^# storagePolicies:/m);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });
});
