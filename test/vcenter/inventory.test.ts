// The vCenter client against a real vCenter API simulator (govmomi's, see scripts/vcsim):
// what pullInventory and listNodeVms read, and that logout ends the session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type VCenterSession } from '../../server/src/vcenter/index.js';
import { startVcsim, vcsimStatus, type Vcsim, type VcsimSeed } from '../helpers/vcsim.js';
import { countSessions } from './soapProbe.js';

const status = vcsimStatus();

const seed: VcsimSeed = {
  vcenter: { version: '7.0.3', build: '21477706' },
  esxiVersion: '7.0.3',
  hostVersions: { DC0_H0: '8.0.2' },
  storagePolicies: [
    { name: 'k8s-gold', description: 'Gold tier for Kubernetes' },
    { name: 'k8s <silver> & "friends"' },
  ],
  datastores: [
    { name: 'vsanDatastore', type: 'vsan' },
    { name: 'nfs-share-1', type: 'nfs' },
    { name: 'vmfs-ds-1', type: 'vmfs', url: 'ds:///vmfs/volumes/5e1f8a2b-3c4d5e6f-7a8b-001122334455/' },
  ],
  tagCategories: [
    { name: 'k8s-zone', cardinality: 'SINGLE', associableTypes: ['Datastore', 'HostSystem'], tags: ['zone-b', 'zone-a'] },
    { name: 'k8s-region', cardinality: 'SINGLE', associableTypes: ['Datacenter'], tags: ['region-1'] },
  ],
  vms: [
    {
      name: 'k8s-node-1',
      folder: 'k8s',
      hardwareVersion: 'vmx-15',
      extraConfig: { 'disk.EnableUUID': 'TRUE', 'devices.hotplug': 'false' },
      controllers: [
        { type: 'pvscsi', disks: 2 },
        { type: 'lsilogic', disks: 1 },
      ],
    },
    {
      name: 'k8s-node-2',
      folder: 'k8s/workers',
      hardwareVersion: 'vmx-13',
      extraConfig: { 'disk.EnableUUID': 'FALSE' },
      controllers: [{ type: 'lsilogic-sas', disks: 1 }, { type: 'nvme', disks: 1 }, { type: 'pvscsi' }],
    },
    { name: 'k8s-control-1', folder: 'k8s', hardwareVersion: 'vmx-19', controllers: [{ type: 'pvscsi', disks: 1 }] },
    { name: 'db-1', folder: 'other', controllers: [{ type: 'pvscsi', disks: 1 }] },
  ],
};

describe.skipIf(!status.available)('vCenter client against the simulator', () => {
  let vc: Vcsim;
  let session: VCenterSession;

  beforeAll(async () => {
    vc = await startVcsim(seed);
    session = await connect({ server: vc.server, user: vc.user, password: vc.password, caFile: vc.caFile });
  });
  afterAll(async () => {
    await session?.logout();
    await vc?.stop();
  });

  describe('pullInventory', () => {
    it('reads versions, storage policies, datastores and tag categories', async () => {
      const inv = await session.pullInventory({});

      expect(inv.vcenter).toMatchObject({ version: '7.0.3', build: '21477706', apiVersion: '6.5' });
      expect(inv.vcenter.fullName).toContain('7.0.3');
      expect(inv.esxiVersions).toEqual(['7.0.3', '8.0.2']);

      const policies = inv.storagePolicies.map((p) => p.name);
      expect(policies).toEqual(expect.arrayContaining(['vSAN Default Storage Policy', 'VVol No Requirements Policy', 'k8s-gold', 'k8s <silver> & "friends"']));
      const gold = inv.storagePolicies.find((p) => p.name === 'k8s-gold')!;
      expect(gold.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(gold.description).toBe('Gold tier for Kubernetes');
      expect(policies).toEqual([...policies].sort((a, b) => a.localeCompare(b)));

      const ds = Object.fromEntries(inv.datastores.map((d) => [d.name, d]));
      expect(ds.vsanDatastore).toMatchObject({ type: 'vsan', datacenter: 'DC0' });
      expect(ds.vsanDatastore!.url).toMatch(/^ds:\/\/\/vmfs\/volumes\/vsan:[0-9a-f]{16}-[0-9a-f]{16}\/$/);
      // The simulator has no vSAN management API (/vsanHealth answers 404): File Services stays
      // unknown and the pull says so in a note instead of failing.
      expect(ds.vsanDatastore!.fileServices).toBeUndefined();
      expect(inv.notes).toEqual([expect.stringMatching(/^vSAN File Services unknown for vsanDatastore .*\/vsanHealth has no vSAN management API endpoint \(HTTP 404\)$/)]);
      expect(ds['nfs-share-1']).toMatchObject({ type: 'nfs' });
      expect(ds['vmfs-ds-1']).toEqual({ name: 'vmfs-ds-1', url: 'ds:///vmfs/volumes/5e1f8a2b-3c4d5e6f-7a8b-001122334455/', type: 'vmfs', datacenter: 'DC0' });
      // The simulator's own local datastore: type OTHER.
      expect(ds.LocalDS_0).toMatchObject({ type: 'other' });
      expect(ds.LocalDS_0!.url).toMatch(/^ds:\/\/\/vmfs\/volumes\/[0-9a-f-]+\/$/);
      for (const d of inv.datastores) expect(d.url).toMatch(/^ds:\/\/\/vmfs\/volumes\/.+\/$/);

      expect(inv.tagCategories).toEqual([
        { name: 'k8s-region', id: expect.stringMatching(/^urn:vmomi:InventoryServiceCategory:/), cardinality: 'SINGLE', associableTypes: ['Datacenter'], tags: ['region-1'] },
        {
          name: 'k8s-zone',
          id: expect.stringMatching(/^urn:vmomi:InventoryServiceCategory:/),
          cardinality: 'SINGLE',
          associableTypes: ['Datastore', 'HostSystem'],
          tags: ['zone-a', 'zone-b'],
        },
      ]);
    });

    it('narrows datastores and hosts to one datacenter, and names a missing one', async () => {
      const inv = await session.pullInventory({ datacenter: 'DC0' });
      expect(inv.datastores.every((d) => d.datacenter === 'DC0')).toBe(true);
      await expect(session.pullInventory({ datacenter: 'NoSuchDC' })).rejects.toMatchObject({
        kind: 'not-found',
        message: expect.stringContaining('NoSuchDC'),
      });
    });
  });

  describe('listNodeVms', () => {
    it('reads hardware version, extraConfig, controllers and disks of the VMs in a folder (recursively)', async () => {
      const vms = await session.listNodeVms({ folder: 'k8s' });
      expect(vms.map((v) => v.path)).toEqual(['/DC0/vm/k8s/k8s-control-1', '/DC0/vm/k8s/k8s-node-1', '/DC0/vm/k8s/workers/k8s-node-2']);

      const node1 = vms.find((v) => v.name === 'k8s-node-1')!;
      expect(node1.hardwareVersion).toBe('vmx-15');
      expect(node1.extraConfig).toMatchObject({ 'disk.EnableUUID': 'TRUE', 'devices.hotplug': 'false' });
      expect(node1.controllers).toEqual([
        { type: 'pvscsi', busNumber: 0, diskCount: 2 },
        { type: 'lsilogic', busNumber: 1, diskCount: 1 },
      ]);
      expect(node1.diskCount).toBe(3);

      const node2 = vms.find((v) => v.name === 'k8s-node-2')!;
      expect(node2.hardwareVersion).toBe('vmx-13');
      expect(node2.extraConfig['disk.EnableUUID']).toBe('FALSE');
      expect(node2.extraConfig['devices.hotplug']).toBeUndefined();
      expect(node2.controllers).toEqual([
        { type: 'lsilogic-sas', busNumber: 0, diskCount: 1 },
        { type: 'pvscsi', busNumber: 1, diskCount: 0 },
        { type: 'nvme', busNumber: 0, diskCount: 1 },
      ]);
      expect(node2.diskCount).toBe(2);
    });

    it('takes absolute folder paths and subfolders', async () => {
      const vms = await session.listNodeVms({ folder: '/DC0/vm/k8s/workers' });
      expect(vms.map((v) => v.name)).toEqual(['k8s-node-2']);
    });

    it('selects by name glob, across folders, optionally within a folder', async () => {
      expect((await session.listNodeVms({ namePattern: 'k8s-node-*' })).map((v) => v.name)).toEqual(['k8s-node-1', 'k8s-node-2']);
      expect((await session.listNodeVms({ namePattern: 'k8s-*', folder: 'k8s', datacenter: 'DC0' })).map((v) => v.name)).toEqual([
        'k8s-control-1',
        'k8s-node-1',
        'k8s-node-2',
      ]);
      expect((await session.listNodeVms({ namePattern: 'db-?' }))[0]).toMatchObject({ name: 'db-1', path: '/DC0/vm/other/db-1' });
      expect(await session.listNodeVms({ namePattern: 'nothing-*' })).toEqual([]);
    });

    it('also sees the simulator default VMs (pvscsi, one disk)', async () => {
      const vms = await session.listNodeVms({ namePattern: 'DC0_*' });
      expect(vms.length).toBeGreaterThan(0);
      for (const vm of vms) {
        expect(vm.controllers).toEqual([{ type: 'pvscsi', busNumber: 0, diskCount: 1 }]);
        expect(vm.extraConfig.govcsim).toBe('TRUE');
      }
    });

    it('names a missing folder', async () => {
      await expect(session.listNodeVms({ folder: 'no/such' })).rejects.toMatchObject({
        kind: 'not-found',
        message: expect.stringContaining('/DC0/vm/no/such'),
      });
    });
  });

  it('logout ends the SOAP session on the server, and is safe to call twice', async () => {
    const s = await connect({ server: vc.server, user: vc.user, password: vc.password, thumbprint: vc.thumbprintSha256 });
    const before = await countSessions(vc);
    await s.logout();
    const after = await countSessions(vc);
    expect(after).toBe(before - 1);
    await s.logout();
    await expect(s.listNodeVms({})).rejects.toMatchObject({ kind: 'protocol' });
  });
});
