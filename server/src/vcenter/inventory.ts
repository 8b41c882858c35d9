// vim25 inventory facts: datacenters, folders and inventory paths, datastores, ESXi versions,
// and the node VMs (hardware version, extraConfig, disk controllers).
import picomatch from 'picomatch';
import { retrieveFromContainer, retrieveObjects, type ObjectContent, type ServiceContent } from './propertyCollector.js';
import type { SoapClient } from './soap.js';
import { VCenterError, type DatastoreFacts, type NodeVmFacts, type ScsiControllerFacts, type VmSelector } from './types.js';
import { child, childText, children, text, toMoRef, xsiType, type MoRef } from './xml.js';

export interface Datacenter {
  ref: MoRef;
  name: string;
  /** Inventory path, `/DC0` or `/Folder/DC0`. */
  path: string;
  vmFolder: MoRef;
  hostFolder: MoRef;
  datastoreFolder: MoRef;
}

/** Folders and datacenters by moref value, to build inventory paths. */
export interface Tree {
  root: MoRef;
  nodes: Map<string, { name: string; parent?: MoRef }>;
  datacenters: Datacenter[];
}

const key = (ref: MoRef) => `${ref.type}:${ref.value}`;

/** vCenter escapes `%`, `/` and `\` in entity names. */
export function unescapeName(name: string): string {
  return name.replace(/%2f/gi, '/').replace(/%5c/gi, '\\').replace(/%25/g, '%');
}

export async function readTree(soap: SoapClient, content: ServiceContent): Promise<Tree> {
  const objects = await retrieveFromContainer(soap, content, content.rootFolder, {
    Folder: ['name', 'parent'],
    Datacenter: ['name', 'parent', 'vmFolder', 'hostFolder', 'datastoreFolder'],
  });
  const nodes = new Map<string, { name: string; parent?: MoRef }>();
  for (const o of objects) nodes.set(key(o.ref), { name: unescapeName(text(o.props.get('name'))), parent: toMoRef(o.props.get('parent')) });
  const tree: Tree = { root: content.rootFolder, nodes, datacenters: [] };
  for (const o of objects) {
    if (o.ref.type !== 'Datacenter') continue;
    const vmFolder = toMoRef(o.props.get('vmFolder'));
    const hostFolder = toMoRef(o.props.get('hostFolder'));
    const datastoreFolder = toMoRef(o.props.get('datastoreFolder'));
    if (!vmFolder || !hostFolder || !datastoreFolder) continue;
    tree.datacenters.push({ ref: o.ref, name: nodes.get(key(o.ref))!.name, path: pathOf(tree, o.ref), vmFolder, hostFolder, datastoreFolder });
  }
  tree.datacenters.sort((a, b) => a.path.localeCompare(b.path));
  return tree;
}

/** Inventory path of a folder or datacenter (`/DC0/vm/k8s`); the root folder is `` (empty). */
export function pathOf(tree: Tree, ref: MoRef | undefined): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (let r = ref; r && key(r) !== key(tree.root) && !seen.has(key(r)); ) {
    seen.add(key(r));
    const node = tree.nodes.get(key(r));
    if (!node) break;
    parts.unshift(node.name);
    r = node.parent;
  }
  return parts.length ? `/${parts.join('/')}` : '';
}

/** The datacenters the user asked for (name or inventory path), or all. */
export function selectDatacenters(tree: Tree, wanted: string | undefined): Datacenter[] {
  if (!wanted) return tree.datacenters;
  const w = wanted.replace(/\/+$/, '');
  const found = tree.datacenters.filter((dc) => dc.name === w || dc.path === w || dc.path === `/${w}`);
  if (!found.length) {
    const have = tree.datacenters.map((dc) => dc.name).join(', ') || 'none';
    throw new VCenterError('not-found', `datacenter "${wanted}" not found (datacenters: ${have})`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Datastores and hosts

const DATASTORE_TYPES: Record<string, string> = {
  vmfs: 'vmfs',
  vsan: 'vsan',
  nfs: 'nfs',
  nfs41: 'nfs41',
  vvol: 'vvol',
  vsand: 'vsanD',
  pmem: 'pmem',
};

/** A datastore as read, with what the vSAN step needs to find its cluster. */
export interface DatastoreObject {
  ref: MoRef;
  datacenter: Datacenter;
  facts: DatastoreFacts;
}

/** The datastores of the datacenters, sorted by name (then datacenter); each object once. */
export async function readDatastores(soap: SoapClient, content: ServiceContent, datacenters: Datacenter[]): Promise<DatastoreObject[]> {
  const out: DatastoreObject[] = [];
  const seen = new Set<string>();
  for (const dc of datacenters) {
    const objects = await retrieveFromContainer(soap, content, dc.datastoreFolder, { Datastore: ['name', 'summary.url', 'summary.type'] });
    for (const o of objects) {
      if (seen.has(key(o.ref))) continue;
      seen.add(key(o.ref));
      const type = text(o.props.get('summary.type'));
      out.push({
        ref: o.ref,
        datacenter: dc,
        facts: {
          name: unescapeName(text(o.props.get('name'))),
          url: text(o.props.get('summary.url')),
          type: DATASTORE_TYPES[type.toLowerCase()] ?? 'other',
          datacenter: dc.name,
        },
      });
    }
  }
  return out.sort((a, b) => a.facts.name.localeCompare(b.facts.name) || (a.facts.datacenter ?? '').localeCompare(b.facts.datacenter ?? ''));
}

export async function readEsxiVersions(soap: SoapClient, content: ServiceContent, datacenters: Datacenter[]): Promise<string[]> {
  const versions = new Set<string>();
  for (const dc of datacenters) {
    const objects = await retrieveFromContainer(soap, content, dc.hostFolder, { HostSystem: ['summary.config.product'] });
    for (const o of objects) {
      const version = childText(o.props.get('summary.config.product'), 'version');
      if (version) versions.add(version);
    }
  }
  return [...versions].sort(compareVersions);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const d = Number.isFinite(nx) && Number.isFinite(ny) && x !== '' && y !== '' ? nx - ny : x.localeCompare(y);
    if (d) return d;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Node VMs

/** Controller device types (xsi:type) → ScsiControllerFacts.type. */
const CONTROLLERS: Record<string, { type: string; scsi: boolean }> = {
  ParaVirtualSCSIController: { type: 'pvscsi', scsi: true },
  VirtualLsiLogicController: { type: 'lsilogic', scsi: true },
  VirtualLsiLogicSASController: { type: 'lsilogic-sas', scsi: true },
  VirtualBusLogicController: { type: 'buslogic', scsi: true },
  VirtualSCSIController: { type: 'scsi', scsi: true },
  VirtualNVMEController: { type: 'nvme', scsi: false },
  VirtualAHCIController: { type: 'sata', scsi: false },
  VirtualSATAController: { type: 'sata', scsi: false },
  VirtualIDEController: { type: 'ide', scsi: false },
};

const VM_DETAILS = ['config.version', 'config.extraConfig', 'config.hardware.device'];

export async function readNodeVms(soap: SoapClient, content: ServiceContent, tree: Tree, selector: VmSelector): Promise<NodeVmFacts[]> {
  const datacenters = selectDatacenters(tree, selector.datacenter);
  const containers = selector.folder ? findFolders(tree, datacenters, selector.folder) : datacenters.map((dc) => dc.vmFolder);
  const match = selector.namePattern ? picomatch(selector.namePattern, { dot: true }) : () => true;

  // First names only, then the (large) device lists of the VMs that matched.
  const candidates = new Map<string, { ref: MoRef; name: string; parent?: MoRef }>();
  for (const container of containers) {
    const objects = await retrieveFromContainer(soap, content, container, { VirtualMachine: ['name', 'parent', 'config.template'] });
    for (const o of objects) {
      const name = unescapeName(text(o.props.get('name')));
      if (text(o.props.get('config.template')) === 'true' || !match(name)) continue;
      candidates.set(key(o.ref), { ref: o.ref, name, parent: toMoRef(o.props.get('parent')) });
    }
  }
  const details = await retrieveObjects(soap, content, [...candidates.values()].map((c) => c.ref), VM_DETAILS);
  const out: NodeVmFacts[] = [];
  for (const d of details) {
    const c = candidates.get(key(d.ref));
    if (!c) continue;
    const folderPath = pathOf(tree, c.parent);
    out.push({ name: c.name, ...(folderPath ? { path: `${folderPath}/${c.name}` } : {}), ...vmFacts(d) });
  }
  return out.sort((a, b) => (a.path ?? a.name).localeCompare(b.path ?? b.name));
}

function findFolders(tree: Tree, datacenters: Datacenter[], folder: string): MoRef[] {
  const f = folder.replace(/\/+$/, '');
  const wanted = f.startsWith('/')
    ? [f]
    : datacenters.map((dc) => (f === 'vm' || f.startsWith('vm/') ? `${dc.path}/${f}` : `${dc.path}/vm/${f}`));
  const found: MoRef[] = [];
  for (const k of tree.nodes.keys()) {
    if (!k.startsWith('Folder:')) continue;
    const ref: MoRef = { type: 'Folder', value: k.slice('Folder:'.length) };
    if (wanted.includes(pathOf(tree, ref))) found.push(ref);
  }
  if (!found.length) throw new VCenterError('not-found', `VM folder "${folder}" not found (looked for ${wanted.join(', ')})`);
  return found;
}

function vmFacts(o: ObjectContent): Omit<NodeVmFacts, 'name' | 'path'> {
  const extraConfig: Record<string, string> = {};
  for (const option of children(o.props.get('config.extraConfig'), 'OptionValue')) {
    const k = childText(option, 'key');
    if (k) extraConfig[k] = text(child(option, 'value'));
  }
  const devices = children(o.props.get('config.hardware.device'), 'VirtualDevice');
  const controllers = new Map<string, { type: string; busNumber: number; scsi: boolean }>();
  const disksOn = new Map<string, number>();
  let diskCount = 0;
  for (const device of devices) {
    const type = xsiType(device) ?? '';
    const deviceKey = childText(device, 'key') ?? '';
    const known = CONTROLLERS[type];
    if (known) {
      controllers.set(deviceKey, { type: known.type, busNumber: Number(childText(device, 'busNumber') ?? 0), scsi: known.scsi });
    } else if (type === 'VirtualDisk') {
      diskCount++;
      const controllerKey = childText(device, 'controllerKey') ?? '';
      disksOn.set(controllerKey, (disksOn.get(controllerKey) ?? 0) + 1);
    }
  }
  // Every SCSI controller counts (the CSI driver attaches volumes to them); IDE, SATA and NVMe
  // controllers only when they hold disks. SCSI first, then by bus number.
  const list = [...controllers]
    .map(([k, c]) => ({ ...c, diskCount: disksOn.get(k) ?? 0 }))
    .filter((c) => c.scsi || c.diskCount > 0)
    .sort((a, b) => Number(b.scsi) - Number(a.scsi) || a.busNumber - b.busNumber || a.type.localeCompare(b.type))
    .map(({ type, busNumber, diskCount }): ScsiControllerFacts => ({ type, busNumber, diskCount }));
  const version = text(o.props.get('config.version'));
  return { ...(version ? { hardwareVersion: version } : {}), extraConfig, controllers: list, diskCount };
}
