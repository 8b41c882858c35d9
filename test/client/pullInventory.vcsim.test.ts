// The command logic of "Pull Inventory from vCenter" with the real vCenter client against the
// simulator: what its TLS and login failures look like in the editor (the untrusted-certificate
// question naming the setting, a rejected stored password deleted and asked for again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullInventory, secretKey } from '../../client/src/pullInventory.js';
import { connect } from '../../server/src/vcenter/index.js';
import { startVcsim, vcsimStatus, type Vcsim } from '../helpers/vcsim.js';
import { harness, request } from './harness.js';

const status = vcsimStatus();

describe.skipIf(!status.available)('Pull Inventory from vCenter against the vCenter simulator', () => {
  let vc: Vcsim;
  beforeAll(async () => {
    vc = await startVcsim({ storagePolicies: [{ name: 'k8s-gold' }], datastores: [{ name: 'vsanDatastore', type: 'vsan' }] });
  }, 120_000);
  afterAll(async () => {
    await vc?.stop();
  });

  it('an untrusted certificate: the modal names the CA file setting and the fingerprint; declining connects nowhere else', async () => {
    const h = harness({ servers: [vc.server], users: [vc.user], passwords: [vc.password], insecure: false, connect });
    const outcome = await pullInventory(request(), h.deps);
    expect(outcome.status).toBe('failed');
    expect(h.asked.insecure).toHaveLength(1);
    expect(h.asked.insecure[0]).toMatch(/is not trusted .*set vsphereCsi\.inventory\.caFile to the PEM file of the CA that signed it \(its SHA-256 fingerprint is [0-9A-F:]{95}\)$/);
    expect(h.asked.insecure[0]).toContain(vc.thumbprintSha256);
    expect(h.writes).toEqual([]);
    expect(h.secrets.size).toBe(0);
  });

  it('accepting connects without verification and writes the inventory', async () => {
    const h = harness({ servers: [vc.server], users: [vc.user], passwords: [vc.password], insecure: true, connect });
    expect((await pullInventory(request(), h.deps)).status).toBe('created');
    expect(h.file.text).toContain('k8s-gold');
  });

  it('a stored password vCenter rejects is deleted and asked for once more; the right one is stored', async () => {
    const key = secretKey(vc.server, vc.user);
    const h = harness({
      servers: [],
      users: [],
      passwords: [vc.password],
      secrets: { [key]: 'not-the-password' },
      settings: { caFile: { globalValue: vc.caFile } },
      connect,
    });
    const outcome = await pullInventory(request({ server: vc.server, user: vc.user }), h.deps);
    expect(outcome.status).toBe('created');
    expect(h.asked.password).toEqual([{ server: vc.server, user: vc.user, retry: true }]);
    expect(h.secrets.get(key)).toBe(vc.password);
    expect(h.file.text).toContain('k8s-gold');
    expect(h.file.text).toContain('vsanDatastore');
    expect(h.everything()).not.toContain(vc.password);
  });
});
