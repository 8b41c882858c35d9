// "vSphere CSI: Pull Inventory from vCenter" in VS Code: binds the command logic of pullInventory.ts
// to input boxes, notifications, the progress notification, SecretStorage, the extension's global
// state, `vsphereCsi.inventory.*` settings (honouring workspace trust) and `workspace.fs`.
import * as vscode from 'vscode';
import { connect } from '../../server/src/vcenter/index.js';
import { SECTION } from '../../server/src/lsp/protocol.js';
import {
  INVENTORY_SETTINGS,
  pullInventory,
  secretKey,
  validateServer,
  type ConfigFileAccess,
  type PullInventoryArgs,
  type PullInventoryUi,
} from './pullInventory.js';
import type { InventoryChanges } from '../../server/src/service/inventory/merge.js';

const CONFIG_NAMES = ['.vsphere-csi.yaml', '.vsphere-csi.yml'] as const;
const TITLE = 'vSphere CSI: Pull Inventory from vCenter';
const INSECURE = 'Connect Without Verifying';
const SET_CA_FILE = 'Set CA File…';

/** What the command resolves to (undefined when it did not run to the end). */
export interface PullInventoryResult {
  status: 'created' | 'updated' | 'unchanged';
  uri: vscode.Uri;
  /** `host:port` of vCenter. */
  server: string;
  changes: InventoryChanges;
}

/**
 * The command's argument: a folder (the Explorer passes its Uri), or an object for automation.
 * `folder` is a Uri, or a path of the local file system; without it the workspace folder is used
 * (picked when there are several). In an untrusted workspace `server` is only offered for
 * confirmation, and `caFile` and `datacenter` are ignored.
 */
export interface PullInventoryCommandArgs extends PullInventoryArgs {
  folder?: vscode.Uri | string;
}

/** Stores the password the command uses for `server` and `user` (the extension API for automation). */
export async function storeInventoryPassword(context: vscode.ExtensionContext, server: string, user: string, password: string): Promise<void> {
  const invalid = validateServer(server);
  if (invalid !== undefined) throw new Error(invalid);
  if (user.trim() === '') throw new Error('no user name given');
  await context.secrets.store(secretKey(server, user), password);
}

export async function runPullInventory(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, arg: unknown): Promise<PullInventoryResult | undefined> {
  const args: PullInventoryCommandArgs = arg instanceof vscode.Uri ? { folder: arg } : isArgs(arg) ? arg : {};
  const folder = await resolveFolder(args.folder);
  if (!folder) return undefined;
  const trusted = vscode.workspace.isTrusted;
  const settings = vscode.workspace.getConfiguration(SECTION, folder);
  const outcome = await pullInventory(
    {
      folder: { fsPath: folder.fsPath },
      ...pick(args, ['server', 'user', 'caFile', 'datacenter']),
    },
    {
      trusted,
      setting: (name) => settings.inspect<string>(INVENTORY_SETTINGS[name]),
      memory: context.globalState,
      secrets: context.secrets,
      ui: editorUi(),
      config: configFile(folder),
      connect,
      log: (line) => output.info(line),
    },
  );
  if (outcome.status === 'cancelled' || outcome.status === 'failed') return undefined;
  return { status: outcome.status, uri: vscode.Uri.parse(outcome.file), server: outcome.server, changes: outcome.changes };
}

function isArgs(value: unknown): value is PullInventoryCommandArgs {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['server', 'user', 'caFile', 'datacenter'].every((k) => record[k] === undefined || typeof record[k] === 'string') &&
    (record.folder === undefined || typeof record.folder === 'string' || record.folder instanceof vscode.Uri);
}

function pick(args: PullInventoryCommandArgs, keys: Array<keyof PullInventoryArgs>): PullInventoryArgs {
  const out: PullInventoryArgs = {};
  for (const key of keys) if (typeof args[key] === 'string') out[key] = args[key];
  return out;
}

async function resolveFolder(given: vscode.Uri | string | undefined): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) return given;
  if (typeof given === 'string' && given.trim() !== '') return /^[a-z][a-z0-9+.-]+:\/\//i.test(given) ? vscode.Uri.parse(given) : vscode.Uri.file(given);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('vSphere CSI: open a folder to pull the inventory into its .vsphere-csi.yaml.');
    return undefined;
  }
  if (folders.length === 1) return folders[0]!.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder whose .vsphere-csi.yaml receives the inventory' }))?.uri;
}

function editorUi(): PullInventoryUi {
  return {
    askServer: async (initial, validate) =>
      vscode.window.showInputBox({
        title: TITLE,
        prompt: 'vCenter server',
        placeHolder: 'vc.example.com, vc.example.com:8443 or https://vc.example.com',
        ...(initial !== undefined ? { value: initial } : {}),
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() === '' ? undefined : validate(value)),
      }),
    askUser: async (server, initial) =>
      vscode.window.showInputBox({
        title: TITLE,
        prompt: `User name on ${server} (read-only access is enough)`,
        placeHolder: 'k8s-lint@vsphere.local',
        ...(initial !== undefined ? { value: initial } : {}),
        ignoreFocusOut: true,
      }),
    askPassword: async ({ server, user, retry }) =>
      vscode.window.showInputBox({
        title: TITLE,
        prompt: retry
          ? `${server} rejected the password. Password of ${user}, once more`
          : `Password of ${user} on ${server} (kept in VS Code's secret storage after a successful login)`,
        password: true,
        ignoreFocusOut: true,
      }),
    confirmInsecure: async (message) => {
      const choice = await vscode.window.showWarningMessage(
        'Connect without verifying the certificate of vCenter?',
        {
          modal: true,
          detail: `${message}\n\nWithout verification, anyone on the network path could pose as vCenter and read the password. This applies to this pull only.`,
        },
        // The safe choice first: it is the default button, so Enter never skips verification.
        SET_CA_FILE,
        INSECURE,
      );
      if (choice === SET_CA_FILE) {
        // The CA file is machine-overridable: in a remote window (SSH, WSL, code-server) only the
        // remote settings show and apply it, since the extension runs on the remote side.
        const command = vscode.env.remoteName ? 'workbench.action.openRemoteSettings' : 'workbench.action.openSettings';
        void vscode.commands.executeCommand(command, { query: `${SECTION}.${INVENTORY_SETTINGS.caFile}` });
      }
      return choice === INSECURE;
    },
    progress: (title, work) =>
      Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `vSphere CSI: ${title}`, cancellable: true }, (progress, token) =>
          work((message) => progress.report({ message }), token),
        ),
      ),
    info: async (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
    error: (message) => void vscode.window.showErrorMessage(message),
  };
}

function configFile(folder: vscode.Uri): ConfigFileAccess {
  return {
    read: async () => {
      for (const name of CONFIG_NAMES) {
        const uri = vscode.Uri.joinPath(folder, name);
        try {
          await vscode.workspace.fs.stat(uri);
        } catch {
          continue; // not there
        }
        const bytes = await vscode.workspace.fs.readFile(uri);
        // ignoreBOM keeps a byte order mark in the text, so that it is written back.
        return { file: uri.toString(), label: vscode.workspace.asRelativePath(uri), text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), dirty: isDirty(uri) };
      }
      const uri = vscode.Uri.joinPath(folder, CONFIG_NAMES[0]);
      return { file: uri.toString(), label: vscode.workspace.asRelativePath(uri), text: undefined, dirty: isDirty(uri) };
    },
    write: async (file, text) => vscode.workspace.fs.writeFile(vscode.Uri.parse(file), new TextEncoder().encode(text)),
    open: async (file) => {
      await vscode.window.showTextDocument(vscode.Uri.parse(file), { preview: false });
    },
  };
}

function isDirty(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.toString() === uri.toString());
}
