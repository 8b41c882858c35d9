// The logic of "vSphere CSI: Pull Inventory from vCenter" (client/src/pullInventory.ts) with every
// effect faked (harness.ts): prompts, secret storage, global state, settings per scope, the config
// file and vCenter. Covers the whole flow, the password handling, workspace trust and what messages show.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorMessage, MEMORY_KEYS, pullInventory, secretKey, serverKey, summaryText, validateServer } from '../../client/src/pullInventory.js';
import { parseConfigText } from '../../server/src/service/config.js';
import { mergeInventory } from '../../server/src/service/inventory/merge.js';
import { VCenterError, type ConnectionOptions } from '../../server/src/vcenter/types.js';
import { pulledInventory } from '../inventory/fakes.js';
import { EXISTING, fakeVc, FILE, FOLDER, harness, PASSWORD, request, SERVER, USER, type Script } from './harness.js';

function policiesOf(text: string): string[] | undefined {
  const parsed = parseConfigText(text, FILE, () => true);
  expect(parsed.problems).toEqual([]);
  return parsed.config.storagePolicies;
}

describe('Pull Inventory from vCenter: the flow', () => {
  it('asks for server (last one prefilled), user and password, pulls, merges keeping comments, writes and summarises', async () => {
    const h = harness({ file: { text: EXISTING }, memory: { [MEMORY_KEYS.lastServer]: 'vc-old.example.com' }, servers: [SERVER] });
    const outcome = await pullInventory(request(), h.deps);

    expect(h.asked.server).toEqual(['vc-old.example.com']);
    expect(h.asked.user).toEqual([undefined]);
    expect(h.asked.password).toEqual([{ server: 'vc.example.com:443', user: USER, retry: false }]);
    expect(h.vcenter.calls).toEqual([{ server: SERVER, user: USER, password: PASSWORD }]);
    expect(h.vcenter.pulls).toEqual([{}]);
    expect(h.vcenter.logouts).toBe(1);

    expect(h.writes).toHaveLength(1);
    const written = h.writes[0]!;
    expect(written.file).toBe(FILE);
    expect(written.text).toBe(mergeInventory(EXISTING, pulledInventory(), { source: 'vc.example.com:443' }).text);
    expect(written.text).toContain('# Team inventory: keep this comment.');
    expect(written.text).toContain('- gold # the default tier');
    expect(policiesOf(written.text)).toEqual(['gold', 'silver', 'vSAN Default Storage Policy']);

    expect(outcome).toMatchObject({ status: 'updated', file: FILE, server: 'vc.example.com:443' });
    expect(h.infos).toEqual([
      'vSphere CSI: .vsphere-csi.yaml updated from vc.example.com:443: 2 storage policies added, 1 storage policy removed, 3 datastores added, 2 topology categories added, vSphere version 7.0.3.',
    ]);
    expect(h.errors).toEqual([]);
    expect(h.progressTitles).toEqual(['Pulling inventory from vc.example.com:443']);

    // Remembered for next time: the password in secret storage, server and user in global state.
    expect([...h.secrets]).toEqual([[secretKey(SERVER, USER), PASSWORD]]);
    expect(h.memory.get(MEMORY_KEYS.lastServer)).toBe(SERVER);
    expect(h.memory.get(MEMORY_KEYS.lastUsers)).toEqual({ 'vc.example.com:443': USER });
  });

  it('creates the file when there is none, and the second run finds it up to date without writing', async () => {
    const h = harness();
    const first = await pullInventory(request(), h.deps);
    expect(first.status).toBe('created');
    expect(h.writes).toHaveLength(1);
    expect(policiesOf(h.file.text!)).toEqual(['gold', 'silver', 'vSAN Default Storage Policy']);
    expect(h.infos[0]).toMatch(/^vSphere CSI: \.vsphere-csi\.yaml created from vc\.example\.com:443: 3 storage policies added/);

    // Second run: server and user prefilled from memory, the password from secret storage.
    const again = harness({ file: { text: h.file.text }, memory: Object.fromEntries(h.memory), secrets: Object.fromEntries(h.secrets), servers: [], users: [], passwords: [] });
    const second = await pullInventory(request(), again.deps);
    expect(again.asked.server).toEqual([SERVER]);
    expect(again.asked.user).toEqual([USER]);
    expect(again.asked.password).toEqual([]);
    expect(second.status).toBe('unchanged');
    expect(again.writes).toEqual([]);
    expect(again.infos).toEqual(['vSphere CSI: .vsphere-csi.yaml is up to date with vc.example.com:443.']);
  });

  it('runs without any prompt given server and user by its caller and a stored password', async () => {
    const h = harness({ secrets: { [secretKey('https://VC.example.com/sdk', USER)]: PASSWORD }, servers: [], users: [], passwords: [] });
    const outcome = await pullInventory(request({ server: SERVER, user: USER, caFile: 'certs/ca.pem', datacenter: 'DC1' }), h.deps);
    expect(outcome.status).toBe('created');
    expect(h.asked).toEqual({ server: [], user: [], password: [], insecure: [] });
    expect(h.vcenter.calls).toEqual([{ server: SERVER, user: USER, password: PASSWORD, caFile: path.join(FOLDER, 'certs', 'ca.pem') }]);
    expect(h.vcenter.pulls).toEqual([{ datacenter: 'DC1' }]);
  });

  it('names what vCenter could not tell in the notice and logs the note', async () => {
    const note = 'vSAN File Services unknown for vsanDatastore (fileServices left as it is): the vSAN management API is not available';
    const h = harness({}, fakeVc({ inventory: { ...pulledInventory(), notes: [note] } }));
    const outcome = await pullInventory(request(), h.deps);
    expect(outcome.status).toBe('created');
    expect(h.infos[0]).toMatch(/One value could not be read; see the output\.$/);
    expect(h.logs).toContain(`note: ${note}`);
  });

  it('keeps a byte order mark', async () => {
    const h = harness({ file: { text: `\uFEFF${EXISTING}` } });
    await pullInventory(request(), h.deps);
    expect(h.writes[0]!.text.startsWith('\uFEFF# Team inventory')).toBe(true);
  });

  it('refuses a malformed file before asking or connecting, naming the line', async () => {
    const h = harness({ file: { text: 'storagePolicies: [gold\n' } });
    const outcome = await pullInventory(request(), h.deps);
    expect(outcome.status).toBe('failed');
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatch(/^vSphere CSI: \.vsphere-csi\.yaml: the configuration is not valid YAML \(line \d+\).*It was not changed\.$/);
    expect(h.asked.server).toEqual([]);
    expect(h.vcenter.calls).toEqual([]);
    expect(h.writes).toEqual([]);
  });

  it('refuses a file whose inventory keys have another shape', async () => {
    const h = harness({ file: { text: 'storagePolicies: gold\n' } });
    expect((await pullInventory(request(), h.deps)).status).toBe('failed');
    expect(h.errors[0]).toContain('storagePolicies in the configuration is not a list');
    expect(h.vcenter.calls).toEqual([]);
  });

  it('refuses a file with unsaved changes in the editor', async () => {
    const h = harness({ file: { text: EXISTING, dirty: true } });
    expect((await pullInventory(request(), h.deps)).status).toBe('failed');
    expect(h.errors).toEqual(['vSphere CSI: .vsphere-csi.yaml has unsaved changes; save or revert them, then pull again.']);
    expect(h.vcenter.calls).toEqual([]);
  });

  it('stops quietly when a prompt is dismissed', async () => {
    for (const script of [{ servers: [undefined] }, { users: [undefined] }, { passwords: [undefined] }]) {
      const h = harness(script);
      expect((await pullInventory(request(), h.deps)).status).toBe('cancelled');
      expect(h.vcenter.calls).toEqual([]);
      expect(h.errors).toEqual([]);
      expect(h.writes).toEqual([]);
    }
  });

  it('cancelling the progress notification logs out and writes nothing', async () => {
    const h = harness(
      {},
      fakeVc({
        pull: async ({ loggedOut }) => {
          queueMicrotask(() => h.token.cancel());
          await loggedOut; // an in-flight pull fails once the session is logged out
          throw new VCenterError('unreachable', 'vc.example.com:443 closed the connection');
        },
      }),
    );
    const outcome = await pullInventory(request(), h.deps);
    expect(outcome.status).toBe('cancelled');
    expect(h.vcenter.logouts).toBe(1);
    expect(h.writes).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('shows vCenter errors as one line, with the privileges hint', async () => {
    const h = harness({}, fakeVc({ pull: async () => Promise.reject(new VCenterError('privilege', 'RetrieveContent needs System.View on the root folder, which the user does not have')) }));
    expect((await pullInventory(request(), h.deps)).status).toBe('failed');
    expect(h.errors).toEqual(['vSphere CSI: RetrieveContent needs System.View on the root folder, which the user does not have (docs/inventory.md lists the read-only privileges needed)']);
    expect(h.vcenter.logouts).toBe(1);
  });
});

describe('Pull Inventory from vCenter: passwords', () => {
  it('a stored password vCenter rejects is deleted, and the password is asked for once more', async () => {
    const key = secretKey(SERVER, USER);
    const h = harness({ secrets: { [key]: 'old-password' }, passwords: [PASSWORD] });
    const outcome = await pullInventory(request(), h.deps);
    expect(outcome.status).toBe('created');
    expect(h.asked.password).toEqual([{ server: 'vc.example.com:443', user: USER, retry: true }]);
    expect(h.vcenter.calls.map((c) => c.password)).toEqual(['old-password', PASSWORD]);
    expect(h.secrets.get(key)).toBe(PASSWORD);
    expect(h.everything()).not.toContain('old-password');
  });

  it('a typed password rejected twice: asked twice, nothing stored, one error', async () => {
    const h = harness({ passwords: ['wrong-1', 'wrong-2'] });
    const outcome = await pullInventory(request(), h.deps);
    expect(outcome.status).toBe('failed');
    expect(h.asked.password.map((p) => p.retry)).toEqual([false, true]);
    expect(h.vcenter.calls).toHaveLength(2);
    expect(h.secrets.size).toBe(0);
    expect(h.errors).toEqual(['vSphere CSI: vc.example.com:443 rejected the user name or password (InvalidLogin)']);
    expect(h.writes).toEqual([]);
  });

  it('a stored password rejected, then a wrong one typed: the stored one is gone, no third attempt', async () => {
    const key = secretKey(SERVER, USER);
    const h = harness({ secrets: { [key]: 'old-password' }, passwords: ['wrong-again'] });
    expect((await pullInventory(request(), h.deps)).status).toBe('failed');
    expect(h.vcenter.calls).toHaveLength(2);
    expect(h.secrets.has(key)).toBe(false);
  });

  it('is stored only after a successful login: a TLS failure stores nothing', async () => {
    const h = harness({}, fakeVc({ failConnect: () => new VCenterError('unreachable', 'cannot connect to vc.example.com:443: connection refused') }));
    await pullInventory(request(), h.deps);
    expect(h.secrets.size).toBe(0);
    expect(h.errors).toEqual(['vSphere CSI: cannot connect to vc.example.com:443: connection refused']);
  });

  it('never shows or logs the password, even when an error message contains it', async () => {
    const leaky = [
      new VCenterError('protocol', `Login failed at vc.example.com:443 (fault): password ${PASSWORD} ignored`),
      new Error(`socket said ${PASSWORD}\nsecond line`),
      new VCenterError('tls', `header ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')} was refused`),
    ];
    for (const error of leaky) {
      const h = harness({}, fakeVc({ failConnect: () => error }));
      await pullInventory(request(), h.deps);
      expect(h.errors).toHaveLength(1);
      expect(h.errors[0]).toContain('***');
      expect(h.everything()).not.toContain(PASSWORD);
      expect(h.everything()).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
    }
    // And on the successful path, including the file written.
    const ok = harness({ file: { text: EXISTING } });
    await pullInventory(request(), ok.deps);
    expect(ok.everything()).not.toContain(PASSWORD);
    expect(ok.logs.join('\n')).toContain('Pulling the inventory of vc.example.com:443 as k8s-lint@vsphere.local');
  });

  it('keys secrets by server (host:port, case-insensitive) and user', () => {
    expect(serverKey('https://VC.Example.com/sdk')).toBe('vc.example.com:443');
    expect(secretKey('vc.example.com', 'Admin@vsphere.local')).toBe(secretKey('https://vc.example.com:443', 'admin@vsphere.local'));
    expect(secretKey('vc.example.com:8443', USER)).not.toBe(secretKey('vc.example.com', USER));
  });
});

describe('Pull Inventory from vCenter: workspace trust', () => {
  const workspaceOnly: Script['settings'] = {
    server: { defaultValue: '', workspaceValue: 'evil.example.com', workspaceFolderValue: 'evil2.example.com' },
    caFile: { defaultValue: '', workspaceValue: 'evil-ca.pem' },
    datacenter: { defaultValue: '', workspaceFolderValue: 'EvilDC' },
  };

  it('untrusted: workspace and folder settings are ignored; user settings apply', async () => {
    const h = harness({
      trusted: false,
      settings: {
        server: { ...workspaceOnly.server, globalValue: 'vc-user.example.com' },
        caFile: { ...workspaceOnly.caFile, globalValue: '~/pki/vcenter-ca.pem' },
        datacenter: { ...workspaceOnly.datacenter, globalValue: 'DC0' },
      },
      servers: [],
    });
    await pullInventory(request(), h.deps);
    expect(h.asked.server).toEqual(['vc-user.example.com']);
    expect(h.vcenter.calls).toEqual([{ server: 'vc-user.example.com', user: USER, password: PASSWORD, caFile: path.join('/home/dev', 'pki/vcenter-ca.pem') }]);
    expect(h.vcenter.pulls).toEqual([{ datacenter: 'DC0' }]);
  });

  it('untrusted without user settings: nothing is prefilled from the workspace, no CA file, all datacenters', async () => {
    const h = harness({ trusted: false, settings: workspaceOnly, servers: ['vc.example.com'] });
    await pullInventory(request(), h.deps);
    expect(h.asked.server).toEqual([undefined]);
    expect(h.vcenter.calls).toEqual([{ server: SERVER, user: USER, password: PASSWORD }]);
    expect(h.vcenter.pulls).toEqual([{}]);
    expect(h.everything()).not.toMatch(/evil/i);
  });

  it("untrusted: a caller's server is only offered for confirmation; its CA file and datacenter are ignored", async () => {
    const h = harness({ trusted: false, servers: [] });
    await pullInventory(request({ server: 'vc-arg.example.com', user: USER, caFile: '/tmp/ca.pem', datacenter: 'DC9' }), h.deps);
    expect(h.asked.server).toEqual(['vc-arg.example.com']);
    expect(h.vcenter.calls).toEqual([{ server: 'vc-arg.example.com', user: USER, password: PASSWORD }]);
    expect(h.vcenter.pulls).toEqual([{}]);
    // The user could also type another server than the one offered.
    const other = harness({ trusted: false, servers: ['vc.example.com'] });
    await pullInventory(request({ server: 'vc-arg.example.com' }), other.deps);
    expect(other.vcenter.calls[0]!.server).toBe(SERVER);
  });

  it('untrusted: a relative CA file in user settings is refused (it would name a workspace file)', async () => {
    const h = harness({ trusted: false, settings: { caFile: { globalValue: 'ca.pem' } } });
    expect((await pullInventory(request(), h.deps)).status).toBe('failed');
    expect(h.errors[0]).toMatch(/vsphereCsi\.inventory\.caFile must be an absolute path in Restricted Mode/);
    expect(h.vcenter.calls).toEqual([]);
  });

  it('trusted: the folder setting wins over the workspace and user settings, and a relative CA file is the folder’s', async () => {
    const h = harness({
      settings: {
        server: { globalValue: 'vc-user.example.com', workspaceValue: 'vc-ws.example.com', workspaceFolderValue: 'vc-folder.example.com' },
        caFile: { globalValue: '/etc/ca.pem', workspaceValue: 'pki/ca.pem' },
        datacenter: { workspaceValue: 'DC1' },
      },
      servers: [],
    });
    await pullInventory(request(), h.deps);
    expect(h.asked.server).toEqual(['vc-folder.example.com']);
    expect(h.vcenter.calls[0]).toEqual({ server: 'vc-folder.example.com', user: USER, password: PASSWORD, caFile: path.join(FOLDER, 'pki', 'ca.pem') });
    expect(h.vcenter.pulls).toEqual([{ datacenter: 'DC1' }]);
  });
});

describe('Pull Inventory from vCenter: certificates', () => {
  const untrusted = (o: ConnectionOptions) =>
    o.insecure
      ? undefined
      : new VCenterError(
          'tls',
          'the certificate of vc.example.com:443 is not trusted (self-signed certificate in the chain); pass --ca-file with the PEM of the CA that signed it, or pin the certificate with --thumbprint AB:CD:EF:01',
        );

  it('an untrusted certificate asks (modal) before connecting without verification', async () => {
    const h = harness({ insecure: true }, fakeVc({ failConnect: untrusted }));
    expect((await pullInventory(request(), h.deps)).status).toBe('created');
    expect(h.asked.insecure).toEqual([
      'the certificate of vc.example.com:443 is not trusted (self-signed certificate in the chain); set vsphereCsi.inventory.caFile to the PEM file of the CA that signed it (its SHA-256 fingerprint is AB:CD:EF:01)',
    ]);
    expect(h.vcenter.calls.map((c) => c.insecure)).toEqual([undefined, true]);
    expect(h.logs.join('\n')).toContain('WITHOUT verifying its certificate');
  });

  it('declining leaves it there: no connection without verification, nothing written', async () => {
    const h = harness({ insecure: false }, fakeVc({ failConnect: untrusted }));
    expect((await pullInventory(request(), h.deps)).status).toBe('failed');
    expect(h.vcenter.calls).toHaveLength(1);
    expect(h.writes).toEqual([]);
  });

  it('messages name the setting instead of command-line options', () => {
    expect(editorMessage('the --ca-file /x/ca.pem holds no PEM certificate')).toBe('the vsphereCsi.inventory.caFile file /x/ca.pem holds no PEM certificate');
    expect(editorMessage('TLS handshake with vc:443 failed (EPROTO); is it an https port? pass --ca-file with the PEM of the CA that signed it, or pin the certificate with --thumbprint')).toBe(
      'TLS handshake with vc:443 failed (EPROTO); is it an https port? set vsphereCsi.inventory.caFile to the PEM file of the CA that signed it',
    );
  });
});

describe('Pull Inventory from vCenter: helpers', () => {
  it('validates servers as the client parses them', () => {
    expect(validateServer('')).toMatch(/Enter the host name/);
    expect(validateServer('vc.example.com')).toBeUndefined();
    expect(validateServer('http://vc.example.com')).toMatch(/not supported/);
  });

  it('summarises changes in one sentence', () => {
    const { changes } = mergeInventory('storagePolicies: [gold]\n', pulledInventory({ storagePolicies: [{ name: 'gold', id: '1' }], datastores: [], tagCategories: [], esxiVersions: [], vcenter: { version: '' } }));
    expect(summaryText(changes)).toBe('no changes');
    expect(summaryText(mergeInventory(undefined, pulledInventory()).changes)).toBe(
      '3 storage policies added, 3 datastores added, 2 topology categories added, vSphere version 7.0.3',
    );
  });
});
