// Fakes for the command logic of "Pull Inventory from vCenter" (client/src/pullInventory.ts):
// scripted prompts, secret storage, global state, settings per scope, an in-memory config file,
// and a vCenter that checks the password. Shared by the unit tests and the simulator test.
import path from 'node:path';
import { expect } from 'vitest';
import type { CancelToken, InventorySetting, PullInventoryDeps, PullInventoryRequest, SettingValues } from '../../client/src/pullInventory.js';
import { VCenterError, type Connect, type ConnectionOptions, type PulledInventory, type VCenterSession } from '../../server/src/vcenter/types.js';
import { pulledInventory } from '../inventory/fakes.js';

export const PASSWORD = 'Pw&<"-s3cret-Value';
export const SERVER = 'vc.example.com';
export const USER = 'k8s-lint@vsphere.local';
export const FOLDER = path.resolve('/projects/cluster');
export const FILE = 'file:///projects/cluster/.vsphere-csi.yaml';

export const EXISTING = `# Team inventory: keep this comment.
driver:
  version: "3.7.3"
storagePolicies:
  - gold # the default tier
  - bronze
`;

export interface Script {
  trusted?: boolean;
  settings?: Partial<Record<InventorySetting, SettingValues<string>>>;
  memory?: Record<string, unknown>;
  secrets?: Record<string, string>;
  file?: { text?: string; dirty?: boolean };
  servers?: Array<string | undefined>;
  users?: Array<string | undefined>;
  passwords?: Array<string | undefined>;
  insecure?: boolean;
  connect?: Connect;
}

export interface Harness {
  deps: PullInventoryDeps;
  asked: { server: Array<string | undefined>; user: Array<string | undefined>; password: Array<{ server: string; user: string; retry: boolean }>; insecure: string[] };
  infos: string[];
  errors: string[];
  logs: string[];
  progressTitles: string[];
  progressMessages: string[];
  writes: Array<{ file: string; text: string }>;
  secrets: Map<string, string>;
  memory: Map<string, unknown>;
  file: { text: string | undefined; dirty: boolean };
  vcenter: FakeVc;
  /** Every string shown, logged, stored in memory or written. */
  everything(): string;
}

export interface FakeVc {
  connect: Connect;
  calls: ConnectionOptions[];
  pulls: Array<{ datacenter?: string }>;
  logouts: number;
}

/** A vCenter that accepts `accept` as the password, and can be told to fail or hang. */
export function fakeVc(options: { accept?: string; inventory?: PulledInventory; failConnect?: (o: ConnectionOptions, call: number) => Error | undefined; pull?: (session: { loggedOut: Promise<void> }) => Promise<PulledInventory> } = {}): FakeVc {
  const vc: FakeVc = {
    calls: [],
    pulls: [],
    logouts: 0,
    connect: async (o) => {
      vc.calls.push(o);
      const failure = options.failConnect?.(o, vc.calls.length);
      if (failure) throw failure;
      if (o.password !== (options.accept ?? PASSWORD)) throw new VCenterError('auth', `${o.server}:443 rejected the user name or password (InvalidLogin)`);
      let loggedOut!: () => void;
      const logout = new Promise<void>((resolve) => (loggedOut = resolve));
      const session: VCenterSession = {
        pullInventory: async (p) => {
          vc.pulls.push(p);
          return options.pull ? options.pull({ loggedOut: logout }) : (options.inventory ?? pulledInventory());
        },
        listNodeVms: async () => [],
        logout: async () => {
          vc.logouts++;
          loggedOut();
        },
      };
      return session;
    },
  };
  return vc;
}

export class Token implements CancelToken {
  isCancellationRequested = false;
  private readonly listeners = new Set<() => unknown>();
  onCancellationRequested(listener: () => unknown) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  cancel() {
    this.isCancellationRequested = true;
    for (const l of [...this.listeners]) l();
  }
}

export function harness(script: Script = {}, vcenter: FakeVc = fakeVc()): Harness & { token: Token } {
  const servers = [...(script.servers ?? [SERVER])];
  const users = [...(script.users ?? [USER])];
  const passwords = [...(script.passwords ?? [PASSWORD])];
  const token = new Token();
  const h: Harness & { token: Token } = {
    token,
    asked: { server: [], user: [], password: [], insecure: [] },
    infos: [],
    errors: [],
    logs: [],
    progressTitles: [],
    progressMessages: [],
    writes: [],
    secrets: new Map(Object.entries(script.secrets ?? {})),
    memory: new Map(Object.entries(script.memory ?? {})),
    file: { text: script.file?.text, dirty: script.file?.dirty ?? false },
    vcenter,
    everything: () =>
      [
        ...h.infos,
        ...h.errors,
        ...h.logs,
        ...h.progressTitles,
        ...h.progressMessages,
        ...h.asked.insecure,
        ...h.writes.map((w) => w.text),
        JSON.stringify([...h.memory]),
      ].join('\n'),
    deps: {
      trusted: script.trusted ?? true,
      setting: (name) => script.settings?.[name],
      memory: {
        get: <T>(key: string) => h.memory.get(key) as T | undefined,
        update: async (key, value) => void h.memory.set(key, value),
      },
      secrets: {
        get: async (key) => h.secrets.get(key),
        store: async (key, value) => void h.secrets.set(key, value),
        delete: async (key) => void h.secrets.delete(key),
      },
      ui: {
        askServer: async (initial, validate) => {
          h.asked.server.push(initial);
          const answer = servers.length ? servers.shift() : initial;
          if (answer !== undefined) expect(validate(answer)).toBeUndefined();
          return answer;
        },
        askUser: async (_server, initial) => {
          h.asked.user.push(initial);
          return users.length ? users.shift() : initial;
        },
        askPassword: async (request) => {
          h.asked.password.push(request);
          return passwords.shift();
        },
        confirmInsecure: async (message) => {
          h.asked.insecure.push(message);
          return script.insecure ?? false;
        },
        progress: async (title, work) => {
          h.progressTitles.push(title);
          return work((m) => h.progressMessages.push(m), token);
        },
        info: async (message) => {
          h.infos.push(message);
          return undefined;
        },
        error: (message) => void h.errors.push(message),
      },
      config: {
        read: async () => ({ file: FILE, label: '.vsphere-csi.yaml', text: h.file.text, dirty: h.file.dirty }),
        write: async (file, text) => {
          h.writes.push({ file, text });
          h.file.text = text;
        },
        open: async () => undefined,
      },
      connect: script.connect ?? vcenter.connect,
      log: (line) => void h.logs.push(line),
      homeDir: '/home/dev',
    },
  };
  return h;
}

export const request = (extra: Partial<PullInventoryRequest> = {}): PullInventoryRequest => ({ folder: { fsPath: FOLDER }, ...extra });
