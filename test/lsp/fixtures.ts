// A small workspace for the protocol tests, written to a fresh temporary folder: a config with an
// inventory, shared StorageClasses in a file the tests never open, a claim that uses one of them,
// and a file full of mistakes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLASSES } from '../helpers/manifests.js';

export { CLASSES };

export const CONFIG = `driver:
  version: 3.7.3
  flavor: vanilla
vsphere:
  version: 8.0.2
storagePolicies:
  - gold-raid1
  - vSAN Default Storage Policy
datastores:
  - url: "ds:///vmfs/volumes/vsan:52cd0e1bb2ac4f3e-8e9f4e1f34ca0e57/"
    name: vsanDatastore
    type: vsan
    fileServices: true
topology:
  categories: [k8s-region, k8s-zone]
`;

export const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: shared
  namespace: apps
spec:
  accessModes:
    - ReadWriteMany
  storageClassName: gold
  resources:
    requests:
      storage: 10Gi
`;

export const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: postgres:16
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: gold
        resources:
          requests:
            storage: 5Gi
`;

export const BROKEN = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: csi.vsphere.vmware.com
parameters:
  storagePolicy: "gold-raid1"
  # the case matters for the driver
  csi.storage.k8s.io/fstype: EXT4
  csimigration: "true"
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: legacy
provisioner: kubernetes.io/vsphere-volume
parameters:
  diskformat: thin
  fstype: ext4
`;

export interface Workspace {
  root: string;
  file(relative: string): string;
  write(relative: string, text: string): string;
  remove(): void;
}

export function createWorkspace(files: Record<string, string> = {}): Workspace {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vsphere-csi-lsp-')));
  const write = (relative: string, text: string) => {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    return full;
  };
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  return { root, file: (relative) => path.join(root, relative), write, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export function standardWorkspace(): Workspace {
  return createWorkspace({
    '.vsphere-csi.yaml': CONFIG,
    'storage/classes.yaml': CLASSES,
    'apps/claim.yaml': CLAIM,
    'apps/statefulset.yaml': STATEFULSET,
    'apps/broken.yaml': BROKEN,
    'node_modules/pkg/ignored.yaml': 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: hidden\nprovisioner: csi.vsphere.vmware.com\n',
  });
}
