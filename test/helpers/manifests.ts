// Manifests shared by the unit tests of the editor features and the protocol tests.

/** Two StorageClasses: `gold` (xfs, WaitForFirstConsumer) and `files` (nfs4, the default class). */
export const CLASSES = `# Shared classes.
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gold
provisioner: csi.vsphere.vmware.com
parameters:
  storagepolicyname: "gold-raid1"
  csi.storage.k8s.io/fstype: xfs
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: files
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: csi.vsphere.vmware.com
parameters:
  storagepolicyname: "vSAN Default Storage Policy"
  csi.storage.k8s.io/fstype: nfs4
`;

/** A ReadWriteMany claim of the class `gold` (which is xfs: a pvc-fstype-access-mode finding). */
export function rwxClaim(name: string): string {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ReadWriteMany]
  storageClassName: gold
  resources: {requests: {storage: 1Gi}}
`;
}
