// A vCenter that answers from plain data, for the inventory tests (no network).
import type { Connect, ConnectionOptions, NodeVmFacts, PulledInventory, VCenterSession, VmSelector } from '../../server/src/vcenter/types.js';

export function pulledInventory(overrides: Partial<PulledInventory> = {}): PulledInventory {
  return {
    vcenter: { version: '8.0.2', build: '22385739', apiVersion: '8.0.2.0' },
    esxiVersions: ['7.0.3', '8.0.2'],
    storagePolicies: [
      { name: 'vSAN Default Storage Policy', id: 'aa6d5a82-1c88-45da-85d3-3d74b91a5bad' },
      { name: 'gold', id: 'p-gold' },
      { name: 'silver', id: 'p-silver' },
    ],
    datastores: [
      { name: 'vsanDatastore', url: 'ds:///vmfs/volumes/vsan:52cd8f5a4d8e3b1c-9c3d0b3a7e6f1a2b/', type: 'vsan', fileServices: true },
      { name: 'nfs-01', url: 'ds:///vmfs/volumes/1a2b3c4d-5e6f7a8b/', type: 'NFS41' },
      { name: 'local-ssd', url: 'ds:///vmfs/volumes/5f0e1d2c-aaaa-bbbb-cccc-001122334455/', type: 'VMFS' },
    ],
    tagCategories: [
      { name: 'k8s-region', id: 'urn:vmomi:InventoryServiceCategory:1:GLOBAL', associableTypes: ['Datacenter'] },
      { name: 'k8s-zone', id: 'urn:vmomi:InventoryServiceCategory:2:GLOBAL', associableTypes: ['ClusterComputeResource', 'HostSystem'] },
      { name: 'backup-tier', id: 'urn:vmomi:InventoryServiceCategory:3:GLOBAL', associableTypes: ['VirtualMachine'] },
    ],
    ...overrides,
  };
}

/** A node VM as vCenter describes it, healthy unless overridden. */
export function nodeVm(name: string, overrides: Partial<NodeVmFacts> = {}): NodeVmFacts {
  return {
    name,
    path: `/DC0/vm/k8s/${name}`,
    hardwareVersion: 'vmx-19',
    extraConfig: { 'disk.EnableUUID': 'TRUE', 'devices.hotplug': 'TRUE' },
    controllers: [{ type: 'pvscsi', busNumber: 0, diskCount: 1 }],
    diskCount: 1,
    ...overrides,
  };
}

export interface FakeVCenter {
  connect: Connect;
  /** Options of every connect call (tests check what was passed, never print them). */
  calls: ConnectionOptions[];
  selectors: VmSelector[];
  pullOptions: Array<{ datacenter?: string }>;
  logouts: number;
}

export function fakeVCenter(data: { inventory?: PulledInventory; vms?: NodeVmFacts[]; fail?: Error; failOn?: 'connect' | 'pull' | 'list' } = {}): FakeVCenter {
  const fake: FakeVCenter = {
    calls: [],
    selectors: [],
    pullOptions: [],
    logouts: 0,
    connect: async (options) => {
      fake.calls.push(options);
      if (data.fail && (data.failOn ?? 'connect') === 'connect') throw data.fail;
      const session: VCenterSession = {
        pullInventory: async (pullOptions) => {
          fake.pullOptions.push(pullOptions);
          if (data.fail && data.failOn === 'pull') throw data.fail;
          return data.inventory ?? pulledInventory();
        },
        listNodeVms: async (selector) => {
          fake.selectors.push(selector);
          if (data.fail && data.failOn === 'list') throw data.fail;
          const vms = data.vms ?? [];
          if (!selector.namePattern) return vms;
          const re = new RegExp(`^${selector.namePattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
          return vms.filter((vm) => re.test(vm.name));
        },
        logout: async () => {
          fake.logouts++;
        },
      };
      return session;
    },
  };
  return fake;
}
