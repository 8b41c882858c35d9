// "vSphere CSI: Pull Inventory from vCenter" without the editor: asks for server and user, takes the
// password from secret storage (or asks for it), reads vCenter, merges the result into the folder's
// `.vsphere-csi.yaml` and writes it. Every effect (prompts, notifications, secrets, files, the
// vCenter client) is injected, so this module has no `vscode` import and is tested with plain
// functions (test/client/pullInventory.test.ts); client/src/inventoryCommand.ts binds it to VS Code.
//
// Workspace trust: in an untrusted workspace the server, CA file and datacenter come only from the
// user (what they type, their user settings, the command's caller), never from workspace or folder
// settings, and a server passed by a caller is only offered as the input box's initial value.
//
// The password is sent to vCenter and kept in secret storage after a successful login; it is never
// logged, shown or written to a file, and every message is scrubbed of it before it is shown.
import os from 'node:os';
import path from 'node:path';
import { checkMergeable, InventoryMergeError, mergeInventory, summarizeChanges, type InventoryChanges, type SectionChanges } from '../../server/src/service/inventory/merge.js';
import { parseServer } from '../../server/src/vcenter/transport.js';
import { VCenterError, type Connect, type ConnectionOptions, type PulledInventory, type VCenterSession } from '../../server/src/vcenter/types.js';

/** The settings this command reads, under `vsphereCsi.` (listed as restricted configurations). */
export const INVENTORY_SETTINGS = {
  server: 'inventory.server',
  caFile: 'inventory.caFile',
  datacenter: 'inventory.datacenter',
} as const;
export type InventorySetting = keyof typeof INVENTORY_SETTINGS;

/** Keys in the extension's global state (user-level, never in the workspace). */
export const MEMORY_KEYS = {
  lastServer: 'vsphereCsi.inventory.lastServer',
  /** Last user per server key (see serverKey). */
  lastUsers: 'vsphereCsi.inventory.lastUsers',
} as const;

/** A setting's values per scope, as `WorkspaceConfiguration.inspect` returns them. */
export interface SettingValues<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** What a caller (the Explorer, another extension, a test) may pass to the command. */
export interface PullInventoryArgs {
  server?: string;
  user?: string;
  caFile?: string;
  datacenter?: string;
}

export interface PullInventoryRequest extends PullInventoryArgs {
  /** The folder whose `.vsphere-csi.yaml` is updated (its local file system path resolves a relative CA file). */
  folder: { fsPath: string };
}

/** Cancellation as `vscode.CancellationToken` offers it. */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

export interface PullInventoryUi {
  /** Input box for the server; `validate` returns an error message or undefined. Undefined: cancelled. */
  askServer(initial: string | undefined, validate: (value: string) => string | undefined): Promise<string | undefined>;
  /** Input box for the user name on `server`. Undefined: cancelled. */
  askUser(server: string, initial: string | undefined): Promise<string | undefined>;
  /** Password input box (`password: true`); `retry` when vCenter has just rejected one. Undefined: cancelled. */
  askPassword(request: { server: string; user: string; retry: boolean }): Promise<string | undefined>;
  /** Modal question after an untrusted certificate: connect without verifying it? */
  confirmInsecure(message: string): Promise<boolean>;
  /** Runs `work` under a cancellable progress notification. */
  progress<T>(title: string, work: (report: (message: string) => void, token: CancelToken) => Promise<T>): Promise<T>;
  /** Information notification; resolves to the action chosen (not awaited by the command). */
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string): void;
}

export interface ConfigFileState {
  /** Identifies the file for write/open (a URI in the editor). */
  file: string;
  /** How messages name it (workspace-relative path). */
  label: string;
  /** Undefined when the file does not exist yet. */
  text: string | undefined;
  /** Open in an editor with unsaved changes. */
  dirty: boolean;
}

/** The folder's config file: `.vsphere-csi.yaml`, or `.vsphere-csi.yml` when only that exists. */
export interface ConfigFileAccess {
  read(): Promise<ConfigFileState>;
  write(file: string, text: string): Promise<void>;
  open(file: string): Promise<void>;
}

export interface PullInventoryDeps {
  /** `vscode.workspace.isTrusted`. */
  trusted: boolean;
  setting(name: InventorySetting): SettingValues<string> | undefined;
  /** User-level memory (the extension's global state). */
  memory: { get<T>(key: string): T | undefined; update(key: string, value: unknown): PromiseLike<void> };
  secrets: { get(key: string): PromiseLike<string | undefined>; store(key: string, value: string): PromiseLike<void>; delete(key: string): PromiseLike<void> };
  ui: PullInventoryUi;
  config: ConfigFileAccess;
  connect: Connect;
  /** One line for the output channel (never given the password). */
  log(line: string): void;
  /** For `~` in the CA file setting; os.homedir() by default. */
  homeDir?: string;
}

export type PullInventoryOutcome =
  | { status: 'created' | 'updated' | 'unchanged'; file: string; server: string; changes: InventoryChanges }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

const CA_FILE_SETTING = `vsphereCsi.${INVENTORY_SETTINGS.caFile}`;
const PREFIX = 'vSphere CSI: ';

/** The value that applies: in an untrusted workspace only the user's (global) and default values count. */
export function effectiveSetting(values: SettingValues<string> | undefined, trusted: boolean): string | undefined {
  if (!values) return undefined;
  const chain = trusted ? [values.workspaceFolderValue, values.workspaceValue, values.globalValue, values.defaultValue] : [values.globalValue, values.defaultValue];
  for (const value of chain) {
    const clean = nonEmpty(value);
    if (clean !== undefined) return clean;
  }
  return undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** An error message for the server input box, or undefined when it is usable. */
export function validateServer(value: string): string | undefined {
  if (value.trim() === '') return 'Enter the host name or https:// URL of vCenter.';
  try {
    parseServer(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** `host:port` as messages show the server. */
export function serverDisplay(server: string): string {
  return parseServer(server).display;
}

/** Server identity for secrets and memory: `vc.example.com`, `https://VC.example.com/sdk` and `vc.example.com:443` are one. */
export function serverKey(server: string): string {
  return serverDisplay(server).toLowerCase();
}

/** The secret storage key of a password. */
export function secretKey(server: string, user: string): string {
  return `vsphereCsi.inventory.password/${serverKey(server)}/${user.trim().toLowerCase()}`;
}

/**
 * A VCenterError message as the editor shows it: the client library names the command line's
 * `--ca-file`/`--thumbprint`; here the CA file is a setting (and there is no thumbprint option).
 */
export function editorMessage(message: string): string {
  return message
    .replace(
      /pass --ca-file with the PEM of the CA that signed it, or pin the certificate with --thumbprint(?: ([0-9A-F]{2}(?::[0-9A-F]{2})+))?/,
      (_all, fingerprint: string | undefined) =>
        `set ${CA_FILE_SETTING} to the PEM file of the CA that signed it${fingerprint ? ` (its SHA-256 fingerprint is ${fingerprint})` : ''}`,
    )
    .replace(/the --ca-file /g, `the ${CA_FILE_SETTING} file `);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One sentence for the notification: "3 storage policies added, 1 datastore removed, vSphere version 8.0.2". */
export function summaryText(changes: InventoryChanges): string {
  const parts: string[] = [];
  const section = (s: SectionChanges, one: string, many: string) => {
    if (s.added.length) parts.push(`${plural(s.added.length, one, many)} added`);
    if (s.removed.length) parts.push(`${plural(s.removed.length, one, many)} removed`);
    if (s.updated.length) parts.push(`${plural(s.updated.length, one, many)} updated`);
  };
  section(changes.storagePolicies, 'storage policy', 'storage policies');
  section(changes.datastores, 'datastore', 'datastores');
  section(changes.topologyCategories, 'topology category', 'topology categories');
  if (changes.vsphereVersion.changed && changes.vsphereVersion.after) parts.push(`vSphere version ${changes.vsphereVersion.after}`);
  return parts.length ? parts.join(', ') : 'no changes';
}

function stripBom(text: string | undefined): { text: string | undefined; bom: boolean } {
  if (text !== undefined && text.startsWith('\uFEFF')) return { text: text.slice(1), bom: true };
  return { text, bom: false };
}

type Waited<T> = { cancelled: true } | { cancelled: false; value: T };

/**
 * Waits for `work` unless the token is cancelled first. A value that arrives after cancellation
 * goes to `late` (a session to log out of); a late failure is dropped.
 */
function untilCancelled<T>(work: Promise<T>, token: CancelToken, late?: (value: T) => void): Promise<Waited<T>> {
  if (token.isCancellationRequested) {
    work.then(late, () => undefined);
    return Promise.resolve({ cancelled: true });
  }
  return new Promise<Waited<T>>((resolve, reject) => {
    let done = false;
    const subscription = token.onCancellationRequested(() => {
      if (done) return;
      done = true;
      subscription.dispose();
      resolve({ cancelled: true });
    });
    work.then(
      (value) => {
        if (done) return late?.(value);
        done = true;
        subscription.dispose();
        resolve({ cancelled: false, value });
      },
      (error: unknown) => {
        if (done) return;
        done = true;
        subscription.dispose();
        reject(error);
      },
    );
  });
}

type Attempt = { status: 'ok'; pulled: PulledInventory } | { status: 'cancelled' } | { status: 'error'; phase: 'login' | 'read'; error: unknown };

/** Runs the command; resolves to what happened (failures have been shown already). */
export async function pullInventory(request: PullInventoryRequest, deps: PullInventoryDeps): Promise<PullInventoryOutcome> {
  const { ui, trusted } = deps;
  // Every password tried (and its basic-auth form): no message may contain one.
  const hidden: string[] = [];
  const hide = (password: string, user: string) => hidden.push(password, Buffer.from(`${user}:${password}`, 'utf8').toString('base64'));
  const scrub = (text: string) => {
    let out = text.split('\n')[0] ?? text;
    for (const secret of hidden) if (secret.length >= 3) out = out.split(secret).join('***');
    return out;
  };
  const log = (line: string) => deps.log(scrub(line));
  const fail = (message: string): PullInventoryOutcome => {
    const line = scrub(`${PREFIX}${message}`);
    log(line);
    ui.error(line);
    return { status: 'failed', message: line };
  };
  const cancelled = (): PullInventoryOutcome => {
    log('Pull Inventory from vCenter: cancelled');
    return { status: 'cancelled' };
  };

  // 1. The file must be mergeable: refuse a malformed one before asking or connecting anything.
  const readConfig = async (): Promise<ConfigFileState | string> => {
    try {
      return await deps.config.read();
    } catch (error) {
      return `cannot read the configuration file: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  const before = await readConfig();
  if (typeof before === 'string') return fail(before);
  if (before.dirty) return fail(`${before.label} has unsaved changes; save or revert them, then pull again.`);
  try {
    checkMergeable(stripBom(before.text).text);
  } catch (error) {
    if (error instanceof InventoryMergeError) return fail(`${before.label}: ${error.message}`);
    throw error;
  }

  // 2. Server and user: a caller's server is used as given only in a trusted workspace.
  let given = trusted ? nonEmpty(request.server) : undefined;
  if (given === undefined) {
    if (!trusted && nonEmpty(request.server)) log('Restricted Mode: the server passed to the command is only offered for confirmation');
    const initial = nonEmpty(request.server) ?? effectiveSetting(deps.setting('server'), trusted) ?? nonEmpty(deps.memory.get<string>(MEMORY_KEYS.lastServer));
    given = nonEmpty(await ui.askServer(initial, validateServer));
    if (given === undefined) return cancelled();
  }
  const invalid = validateServer(given);
  if (invalid !== undefined) return fail(invalid);
  const server = given;
  const host = serverDisplay(server);
  const lastUsers = deps.memory.get<Record<string, string>>(MEMORY_KEYS.lastUsers) ?? {};
  const user = nonEmpty(request.user) ?? nonEmpty(await ui.askUser(host, nonEmpty(lastUsers[serverKey(server)])));
  if (user === undefined) return cancelled();

  // 3. TLS and datacenter: workspace values only in a trusted workspace.
  if (!trusted && (nonEmpty(request.caFile) || nonEmpty(request.datacenter))) log('Restricted Mode: the CA file and datacenter passed to the command are ignored');
  const caSetting = trusted ? (nonEmpty(request.caFile) ?? effectiveSetting(deps.setting('caFile'), true)) : effectiveSetting(deps.setting('caFile'), false);
  let caFile: string | undefined;
  if (caSetting !== undefined) {
    const home = deps.homeDir ?? os.homedir();
    const expanded = caSetting === '~' ? home : caSetting.startsWith('~/') || caSetting.startsWith('~\\') ? path.join(home, caSetting.slice(2)) : caSetting;
    if (path.isAbsolute(expanded)) caFile = expanded;
    else if (trusted) caFile = path.resolve(request.folder.fsPath, expanded);
    else return fail(`${CA_FILE_SETTING} must be an absolute path in Restricted Mode (a relative one would name a file of the untrusted workspace).`);
  }
  const datacenter = trusted ? (nonEmpty(request.datacenter) ?? effectiveSetting(deps.setting('datacenter'), true)) : effectiveSetting(deps.setting('datacenter'), false);

  // 4. Password: secret storage, else ask. Stored after a successful login; dropped when rejected.
  const key = secretKey(server, user);
  let password = await deps.secrets.get(key);
  let stored = password !== undefined && password !== '';
  if (!stored) {
    password = await ui.askPassword({ server: host, user, retry: false });
    if (password === undefined) return cancelled();
  }
  hide(password!, user);

  let insecure = false;
  let retried = false;
  let pulled: PulledInventory;
  for (;;) {
    const options: ConnectionOptions = {
      server,
      user,
      password: password!,
      ...(caFile !== undefined ? { caFile } : {}),
      ...(insecure ? { insecure: true } : {}),
    };
    log(`Pulling the inventory of ${host} as ${user}${datacenter ? ` (datacenter ${datacenter})` : ''}${caFile ? ` trusting the CA in ${caFile}` : ''}${insecure ? ' WITHOUT verifying its certificate' : ''}`);
    const attempt = await ui.progress<Attempt>(`Pulling inventory from ${host}`, async (report, token) => {
      report(`logging in as ${user}…`);
      let session: VCenterSession;
      try {
        const login = await untilCancelled(deps.connect(options), token, (late) => void late.logout().catch(() => undefined));
        if (login.cancelled) return { status: 'cancelled' };
        session = login.value;
      } catch (error) {
        return { status: 'error', phase: 'login', error };
      }
      try {
        if (!stored) {
          await deps.secrets.store(key, password!);
          stored = true;
        }
        await deps.memory.update(MEMORY_KEYS.lastServer, server);
        await deps.memory.update(MEMORY_KEYS.lastUsers, { ...lastUsers, [serverKey(server)]: user });
        report('reading storage policies, datastores, tag categories and versions…');
        const read = await untilCancelled(session.pullInventory(datacenter !== undefined ? { datacenter } : {}), token);
        return read.cancelled ? { status: 'cancelled' } : { status: 'ok', pulled: read.value };
      } catch (error) {
        return { status: 'error', phase: 'read', error };
      } finally {
        // Also ends a pull that was cancelled half-way (its requests fail once the transport closes).
        await session.logout().catch(() => undefined);
      }
    });
    if (attempt.status === 'cancelled') return cancelled();
    if (attempt.status === 'ok') {
      pulled = attempt.pulled;
      break;
    }
    const { error, phase } = attempt;
    if (!(error instanceof VCenterError)) return fail(`${host}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    const message = editorMessage(error.message);
    if (phase === 'login' && error.kind === 'auth') {
      if (stored) {
        await deps.secrets.delete(key);
        stored = false;
        log(`${host} rejected the stored password of ${user}; it was removed from the secret storage`);
      }
      if (!retried) {
        retried = true;
        password = await ui.askPassword({ server: host, user, retry: true });
        if (password === undefined) return cancelled();
        hide(password, user);
        continue;
      }
      return fail(message);
    }
    if (error.kind === 'tls' && /is not trusted/.test(error.message) && !insecure) {
      log(scrub(`${PREFIX}${message}`));
      if (await ui.confirmInsecure(scrub(message))) {
        insecure = true;
        continue;
      }
      return { status: 'failed', message: scrub(`${PREFIX}${message}`) };
    }
    if (error.kind === 'privilege') return fail(`${message} (docs/inventory.md lists the read-only privileges needed)`);
    return fail(message);
  }

  // 5. Merge into the file as it is now (it may have changed while vCenter was read) and write it.
  const now = await readConfig();
  if (typeof now === 'string') return fail(now);
  if (now.dirty) return fail(`${now.label} has unsaved changes; save or revert them, then pull again.`);
  const { text: existing, bom } = stripBom(now.text);
  let merged;
  try {
    merged = mergeInventory(existing, pulled, { source: host });
  } catch (error) {
    if (error instanceof InventoryMergeError) return fail(`${now.label}: ${error.message}`);
    throw error;
  }
  const status = existing === undefined ? 'created' : merged.text === existing ? 'unchanged' : 'updated';
  if (status !== 'unchanged') {
    try {
      await deps.config.write(now.file, `${bom ? '\uFEFF' : ''}${merged.text}`);
    } catch (error) {
      return fail(`${now.label}: cannot write: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  log(`${now.label}: ${status === 'unchanged' ? 'up to date' : status} from ${host}`);
  for (const line of summarizeChanges(merged.changes)) log(`  ${line}`);
  // What vCenter could not tell (e.g. vSAN File Services without the vSAN API) is logged and named in the notice.
  const notes = pulled.notes ?? [];
  for (const note of notes) log(`note: ${note}`);
  const noteSuffix = notes.length > 0 ? ` ${notes.length === 1 ? 'One value' : `${notes.length} values`} could not be read; see the output.` : '';
  const notice =
    (status === 'unchanged' ? `${PREFIX}${now.label} is up to date with ${host}.` : `${PREFIX}${now.label} ${status} from ${host}: ${summaryText(merged.changes)}.`) + noteSuffix;
  // Not awaited: the notification may stay until dismissed.
  void ui.info(notice, 'Open').then(
    (choice) => (choice === 'Open' ? deps.config.open(now.file) : undefined),
    () => undefined,
  );
  return { status, file: now.file, server: host, changes: merged.changes };
}
