// What the vCenter client returns, and the small interface the CLI and the extension use.
// Kept apart from the transport so tests and the pure service can work with plain data.

export interface ConnectionOptions {
  /** Host name or URL of vCenter (`vc.example.com`, `https://vc.example.com:8443`). */
  server: string;
  user: string;
  /** Never logged, never written anywhere. */
  password: string;
  /** PEM file of a private CA to trust in addition to the system roots. */
  caFile?: string;
  /** SHA-1 or SHA-256 thumbprint of the server certificate (`AA:BB:...`), pinned instead of CA validation. */
  thumbprint?: string;
  /** Skip TLS verification (the CLI warns every time). */
  insecure?: boolean;
  /** Per-request timeout. */
  timeoutMs?: number;
}

export interface StoragePolicyInfo {
  name: string;
  id: string;
  description?: string;
}

export interface DatastoreFacts {
  name: string;
  /** `ds:///vmfs/volumes/<uuid>/` as vCenter reports it (summary.url). */
  url: string;
  /** vsan | vmfs | nfs | nfs41 | vvol | vsanD | pmem | other */
  type: string;
  /**
   * vSAN File Services of the cluster that serves this vSAN datastore, as the vSAN management
   * API reports it; undefined when unknown (not vSAN, no such API, a fault, a timeout).
   */
  fileServices?: boolean;
  datacenter?: string;
}

export interface TagCategoryInfo {
  name: string;
  id: string;
  cardinality?: string;
  associableTypes: string[];
  /** Names of the tags in this category (sorted), when they were read. */
  tags?: string[];
}

export interface PulledInventory {
  vcenter: { version: string; build?: string; apiVersion?: string; fullName?: string };
  /** Versions of the ESXi hosts seen (deduplicated, sorted). */
  esxiVersions: string[];
  storagePolicies: StoragePolicyInfo[];
  datastores: DatastoreFacts[];
  tagCategories: TagCategoryInfo[];
  /** What could not be read although the pull succeeded (one line each, for the user). */
  notes?: string[];
}

export interface ScsiControllerFacts {
  /** pvscsi | lsilogic | lsilogic-sas | buslogic | nvme | sata | ide */
  type: string;
  busNumber: number;
  /** Disks attached to this controller. */
  diskCount: number;
}

export interface NodeVmFacts {
  name: string;
  /** Inventory path, e.g. /DC0/vm/k8s/k8s-node-1, when known. */
  path?: string;
  /** `vmx-19` style, from config.version. */
  hardwareVersion?: string;
  /** config.extraConfig, key -> value (devices.hotplug, disk.EnableUUID, ...). */
  extraConfig: Record<string, string>;
  controllers: ScsiControllerFacts[];
  diskCount: number;
}

export interface VmSelector {
  /** Inventory path of a VM folder (`/DC0/vm/k8s` or `k8s`). */
  folder?: string;
  /** Glob on VM names (`k8s-node-*`). */
  namePattern?: string;
  datacenter?: string;
}

export interface VCenterSession {
  pullInventory(options: { datacenter?: string }): Promise<PulledInventory>;
  listNodeVms(selector: VmSelector): Promise<NodeVmFacts[]>;
  /** Ends the SOAP and REST sessions; safe to call twice. */
  logout(): Promise<void>;
}

/** Raised for every failure the CLI turns into a one-line message (no stack, no secrets). */
export class VCenterError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'timeout' | 'tls' | 'auth' | 'privilege' | 'unsupported' | 'protocol' | 'not-found',
    message: string,
  ) {
    super(message);
    this.name = 'VCenterError';
  }
}

export type Connect = (options: ConnectionOptions) => Promise<VCenterSession>;
