#!/usr/bin/env node
// Deterministic corpus generator for the vsphere-csi-lint benchmark.
//
// Writes a tree of multi-document Kubernetes YAML files (about 20 team folders plus a platform
// folder with the shared StorageClasses) and, NEXT TO the output directory, a ground-truth JSON
// file listing every document's 1-based line span and, for the ~10 % deliberately wrong ones,
// the single defect it carries and the rule id the linter should report.
//
// Determinism: all randomness comes from a seeded PRNG (sfc32); nothing reads the clock, the
// environment or Math.random, files are written in a fixed order. Same arguments => the same
// bytes, for the corpus and for the ground truth.
//
// Usage:
//   node bench/gen-corpus.mjs --out DIR [--files 2000] [--teams 20] [--seed 1] [--defect-rate 0.1] [--other-share 0.05] [--force]
// --files counts the YAML files; --other-share adds that share of csi-vsphere.conf, .vmx and
// shell-script files on top (0 leaves them out).
//   node bench/gen-corpus.mjs --big N --out FILE.yaml [--seed 1] [--force]
// Ground truth: DIR.truth.json (or FILE.yaml.truth.json) beside the output.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 1;
const MARKER = '.vsphere-csi-bench-corpus';

// ---------------------------------------------------------------------------------------------
// PRNG: cyrb128 string hash -> sfc32. Small, fast, good enough for test data, fully reproducible.
function cyrb128(str) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export function createRng(seed) {
  let [a, b, c, d] = cyrb128(`vsphere-csi-bench:${seed}`);
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    weighted: (pairs) => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of pairs) if ((r -= w) < 0) return value;
      return pairs[pairs.length - 1][0];
    },
  };
  return rng;
}

// ---------------------------------------------------------------------------------------------
// Defects: each wrong document carries exactly one, mapped to the rule id the linter should report.
export const DEFECTS = {
  'sc-unknown-parameter': { rule: 'sc-unknown-parameter', kind: 'StorageClass', description: 'CSI StorageClass with a parameter key the vanilla driver does not accept' },
  'sc-provisioner-typo': { rule: 'sc-provisioner-typo', kind: 'StorageClass', description: 'provisioner misspelt (near csi.vsphere.vmware.com)' },
  'sc-policy-not-string': { rule: 'k8s-schema', kind: 'StorageClass', description: 'storagepolicyname value is a YAML number/boolean, not a string' },
  'sc-binding-mode': { rule: 'k8s-schema', kind: 'StorageClass', description: 'volumeBindingMode not Immediate/WaitForFirstConsumer' },
  'sc-expansion-string': { rule: 'k8s-schema', kind: 'StorageClass', description: 'allowVolumeExpansion is the string "true"' },
  'sc-bad-fstype': { rule: 'sc-invalid-fstype', kind: 'StorageClass', description: 'csi.storage.k8s.io/fstype btrfs/zfs (not supported by the driver)' },
  'sc-migration-parameter': { rule: 'sc-migration-parameter', kind: 'StorageClass', description: 'CSI StorageClass sets the internal csimigration parameter' },
  'pvc-rwx-block': { rule: 'pvc-block-multi-node', kind: 'PersistentVolumeClaim', description: 'ReadWriteMany claim with volumeMode Block' },
  'pvc-bad-quantity': { rule: 'pvc-storage-request', kind: 'PersistentVolumeClaim', description: 'storage request is not a Kubernetes quantity (10GB, 5gb, "20 Gi")' },
  'pvc-rwx-on-xfs': { rule: 'pvc-fstype-access-mode', kind: 'PersistentVolumeClaim', description: 'ReadWriteMany claim on a class with fstype xfs (class in another file)', crossFile: true },
  'pvc-class-not-found': { rule: 'pvc-storage-class-not-found', kind: 'PersistentVolumeClaim', description: 'storageClassName that no StorageClass in the corpus defines', crossFile: true },
  'pvc-restore-decimal': { rule: 'pvc-restore-decimal-size', kind: 'PersistentVolumeClaim', description: 'snapshot restore requesting a decimal size (5G) equal to a decimal-sized source' },
  'sts-access-mode-typo': { rule: 'k8s-schema', kind: 'StatefulSet', description: 'volumeClaimTemplates accessModes value misspelt (ReadWriteOne)' },
  'vsc-driver-typo': { rule: 'vsc-driver-typo', kind: 'VolumeSnapshotClass', description: 'VolumeSnapshotClass driver misspelt' },
};
const DEFECT_IDS = Object.keys(DEFECTS);

// ---------------------------------------------------------------------------------------------
// The shared, correct platform objects.
const NS_CSI = 'vmware-system-csi';
const VSAN_URL = 'ds:///vmfs/volumes/vsan:52cdfa80721ff516-ea1e993113acfc77/';
const VMFS_URL = 'ds:///vmfs/volumes/5c9bb20e-009c1e46-4b85-0200483b2a97/';
const NFS_URL = 'ds:///vmfs/volumes/7e1a02b4-5f3c9d81/';
export const STORAGE_POLICIES = ['vSAN Default Storage Policy', 'gold-raid1', 'silver-raid5', 'bronze-thin', 'db-raid1-xfs', 'vsan-file-policy', 'zonal-policy'];
const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const REGION = 'region-1';

// Classes PVCs may use, by what they are good for. (Names defined in the platform files.)
const CLASS = {
  default: 'vsan-default', // default class, ext4, Immediate
  gold: 'vsan-gold',
  silver: 'vsan-silver',
  xfs: 'db-xfs', // xfs: block (RWO) only
  file: 'vsan-file', // nfs4: RWX only
  vmfs: 'vmfs-standard',
  legacyThin: 'legacy-thin', // in-tree
  legacyGold: 'legacy-gold', // in-tree
};
const ZONAL_CLASSES = ['zonal-a', 'zonal-b', 'zonal-c', 'zonal-any'];
const RWO_CLASSES = [CLASS.default, CLASS.gold, CLASS.silver, CLASS.xfs, CLASS.vmfs];
const SNAPSHOTTABLE_CLASSES = [CLASS.default, CLASS.gold, CLASS.silver, CLASS.xfs];
const LEGACY_CLASSES = [CLASS.legacyThin, CLASS.legacyGold];
const VSC = { default: 'vsphere-snapclass', retain: 'vsphere-snapclass-retain' };

const TEAMS = ['payments', 'orders', 'search', 'analytics', 'identity', 'billing', 'catalog', 'checkout', 'inventory', 'logistics',
  'marketing', 'messaging', 'mobile', 'monitoring', 'notifications', 'recommendations', 'reporting', 'risk', 'shipping', 'support',
  'streaming', 'ml-platform', 'data-lake', 'security', 'frontend', 'edge', 'gaming', 'media', 'partners', 'compliance'];
const APP_WORDS = ['ledger', 'gateway', 'api', 'worker', 'cache', 'indexer', 'scheduler', 'ingest', 'events', 'reports', 'auth',
  'session', 'profile', 'media', 'feeds', 'rules', 'audit', 'queue', 'store', 'sync', 'router', 'pricing', 'quotes', 'tracker'];
const DB_IMAGES = [['postgres', 'docker.io/library/postgres:16.4', '/var/lib/postgresql/data', 5432],
  ['mysql', 'docker.io/library/mysql:8.4', '/var/lib/mysql', 3306],
  ['redis', 'docker.io/library/redis:7.4', '/data', 6379],
  ['kafka', 'registry.example.com/streaming/kafka:3.8.0', '/var/lib/kafka', 9092],
  ['elasticsearch', 'docker.elastic.co/elasticsearch/elasticsearch:8.15.0', '/usr/share/elasticsearch/data', 9200],
  ['mongodb', 'docker.io/library/mongo:7.0', '/data/db', 27017],
  ['zookeeper', 'docker.io/library/zookeeper:3.9', '/data', 2181],
  ['etcd', 'quay.io/coreos/etcd:v3.5.15', '/var/lib/etcd', 2379]];

// ---------------------------------------------------------------------------------------------
// YAML rendering helpers (we write text by hand: layout, comments, anchors are the point).
const q = (s) => JSON.stringify(s); // double-quoted scalar (JSON strings are valid YAML)

function flowMap(obj) {
  return '{' + Object.entries(obj).map(([k, v]) => `${k}: ${v}`).join(', ') + '}';
}

function labelsBlock(indent, labels) {
  return Object.entries(labels).map(([k, v]) => `${indent}${k}: ${v}`);
}

// A document is { lines: string[], kind, name, defect?, acceptable? }. `acceptable` lists rule ids
// whose findings on this (correct) document are advice, not false positives (e.g. a deprecation).
function doc(kind, name, lines, defect, acceptable) {
  const d = { kind, name, lines };
  if (defect) d.defect = defect;
  if (acceptable) d.acceptable = acceptable;
  return d;
}

function renderStorageClass(rng, sc) {
  const L = [];
  if (sc.comment) L.push(`# ${sc.comment}`);
  L.push('apiVersion: storage.k8s.io/v1', 'kind: StorageClass', 'metadata:', `  name: ${sc.name}`);
  if (sc.annotations) {
    L.push('  annotations:', ...labelsBlock('    ', sc.annotations));
  }
  if (sc.labels) {
    if (rng.chance(0.5)) L.push(`  labels: ${flowMap(sc.labels)}`);
    else L.push('  labels:', ...labelsBlock('    ', sc.labels));
  }
  L.push(`provisioner: ${sc.provisioner}`);
  if (sc.params.length) {
    if (sc.flowParams) {
      L.push(`parameters: ${flowMap(Object.fromEntries(sc.params.map(([k, v]) => [k, v])))}`);
    } else {
      L.push('parameters:');
      for (const [k, v, note] of sc.params) {
        L.push(`  ${k}: ${v}${note ? `  # ${note}` : ''}`);
      }
    }
  }
  if (sc.reclaimPolicy) L.push(`reclaimPolicy: ${sc.reclaimPolicy}`);
  if (sc.allowVolumeExpansion !== undefined) L.push(`allowVolumeExpansion: ${sc.allowVolumeExpansion}`);
  if (sc.volumeBindingMode) L.push(`volumeBindingMode: ${sc.volumeBindingMode}`);
  if (sc.topology) {
    if (sc.topologyFlow) {
      L.push(`allowedTopologies: [{matchLabelExpressions: [${sc.topology.map(([k, vals]) => `{key: ${k}, values: [${vals.join(', ')}]}`).join(', ')}]}]`);
    } else {
      L.push('allowedTopologies:', '  - matchLabelExpressions:');
      for (const [k, vals] of sc.topology) {
        L.push(`      - key: ${k}`);
        if (vals.length > 1 && rng.chance(0.5)) {
          L.push('        values:', ...vals.map((v) => `          - ${v}`));
        } else {
          L.push(`        values: [${vals.join(', ')}]`);
        }
      }
    }
  }
  return doc('StorageClass', sc.name, L, sc.defect, sc.acceptable);
}

function renderPvc(rng, p) {
  const L = [];
  if (p.comment) L.push(`# ${p.comment}`);
  L.push('apiVersion: v1', 'kind: PersistentVolumeClaim', 'metadata:', `  name: ${p.name}`, `  namespace: ${p.ns}`);
  if (p.labels) {
    if (rng.chance(0.4)) L.push(`  labels: ${flowMap(p.labels)}`);
    else L.push('  labels:', ...labelsBlock('    ', p.labels));
  }
  if (p.annotations) L.push('  annotations:', ...labelsBlock('    ', p.annotations));
  L.push('spec:');
  const modes = p.accessModes;
  const style = rng.int(0, 2);
  if (style === 0) L.push(`  accessModes: [${modes.join(', ')}]`);
  else if (style === 1) L.push('  accessModes:', ...modes.map((m) => `    - ${m}`));
  else L.push('  accessModes:', ...modes.map((m) => `  - ${q(m)}`));
  if (p.volumeMode) L.push(`  volumeMode: ${p.volumeMode}`);
  if (p.className !== undefined) L.push(`  storageClassName: ${p.className}`);
  if (p.dataSource) {
    if (rng.chance(0.5)) {
      L.push(`  dataSource: {name: ${p.dataSource}, kind: VolumeSnapshot, apiGroup: snapshot.storage.k8s.io}`);
    } else {
      L.push('  dataSource:', `    name: ${p.dataSource}`, '    kind: VolumeSnapshot', '    apiGroup: snapshot.storage.k8s.io');
    }
  }
  if (rng.chance(0.35)) L.push(`  resources: {requests: {storage: ${p.storage}}}`);
  else L.push('  resources:', '    requests:', `      storage: ${p.storage}${p.storageNote ? `  # ${p.storageNote}` : ''}`);
  return doc('PersistentVolumeClaim', p.name, L, p.defect);
}

function renderService(rng, s) {
  const L = ['apiVersion: v1', 'kind: Service'];
  if (rng.chance(0.3)) L.push(`metadata: {name: ${s.name}, namespace: ${s.ns}}`);
  else L.push('metadata:', `  name: ${s.name}`, `  namespace: ${s.ns}`, '  labels:', `    app.kubernetes.io/name: ${s.app}`);
  L.push('spec:');
  if (s.headless) L.push('  clusterIP: None');
  L.push(`  selector: {app.kubernetes.io/name: ${s.app}}`, '  ports:');
  if (rng.chance(0.5)) L.push(`    - {name: ${s.portName}, port: ${s.port}, targetPort: ${s.port}}`);
  else L.push(`    - name: ${s.portName}`, `      port: ${s.port}`, `      targetPort: ${s.port}`, '      protocol: TCP');
  return doc('Service', s.name, L);
}

function renderConfigMap(rng, c) {
  const L = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${c.name}`, `  namespace: ${c.ns}`, 'data:'];
  L.push(`  LOG_LEVEL: ${q(rng.pick(['info', 'debug', 'warn']))}`);
  L.push(`  MAX_CONNECTIONS: ${q(String(rng.int(10, 500)))}`);
  if (rng.chance(0.6)) {
    L.push('  app.yaml: |', '    server:', `      port: ${c.port}`, `      readTimeout: ${rng.int(5, 60)}s`,
      '    storage:', `      path: ${c.path}`, `      retentionDays: ${rng.int(1, 90)}`);
  }
  if (rng.chance(0.3)) L.push(`  FEATURE_FLAGS: ${q(['audit', 'metrics', 'tracing'].filter(() => rng.chance(0.6)).join(','))}`);
  return doc('ConfigMap', c.name, L);
}

function renderVolumeSnapshot(rng, s) {
  const L = [];
  if (s.comment) L.push(`# ${s.comment}`);
  L.push('apiVersion: snapshot.storage.k8s.io/v1', 'kind: VolumeSnapshot', 'metadata:', `  name: ${s.name}`, `  namespace: ${s.ns}`, 'spec:');
  if (s.className) L.push(`  volumeSnapshotClassName: ${s.className}`);
  if (rng.chance(0.4)) L.push(`  source: {persistentVolumeClaimName: ${s.pvc}}`);
  else L.push('  source:', `    persistentVolumeClaimName: ${s.pvc}`);
  return doc('VolumeSnapshot', s.name, L);
}

function renderVolumeSnapshotClass(rng, v) {
  const L = [];
  if (v.comment) L.push(`# ${v.comment}`);
  L.push('apiVersion: snapshot.storage.k8s.io/v1', 'kind: VolumeSnapshotClass', 'metadata:', `  name: ${v.name}`);
  if (v.annotations) L.push('  annotations:', ...labelsBlock('    ', v.annotations));
  L.push(`driver: ${v.driver}`, `deletionPolicy: ${v.deletionPolicy}`);
  return doc('VolumeSnapshotClass', v.name, L, v.defect);
}

/** containers: volume mounts/devices for the claim names; Block claims use volumeDevices. */
function containerLines(rng, indent, c) {
  const L = [`${indent}- name: ${c.name}`, `${indent}  image: ${c.image}`];
  if (rng.chance(0.5)) L.push(`${indent}  ports: [{containerPort: ${c.port}, name: ${c.portName}}]`);
  else L.push(`${indent}  ports:`, `${indent}    - containerPort: ${c.port}`, `${indent}      name: ${c.portName}`);
  if (c.envFrom) L.push(`${indent}  envFrom:`, `${indent}    - configMapRef: {name: ${c.envFrom}}`);
  L.push(`${indent}  resources:`, `${indent}    requests: {cpu: ${rng.pick(['100m', '250m', '500m', '1'])}, memory: ${rng.pick(['128Mi', '256Mi', '512Mi', '1Gi', '2Gi'])}}`);
  const mounts = c.volumes.filter((v) => v.mode !== 'Block');
  const devices = c.volumes.filter((v) => v.mode === 'Block');
  if (mounts.length) {
    L.push(`${indent}  volumeMounts:`);
    for (const v of mounts) {
      if (rng.chance(0.5)) L.push(`${indent}    - {name: ${v.name}, mountPath: ${v.path}}`);
      else L.push(`${indent}    - name: ${v.name}`, `${indent}      mountPath: ${v.path}`);
    }
  }
  if (devices.length) {
    L.push(`${indent}  volumeDevices:`);
    for (const v of devices) L.push(`${indent}    - name: ${v.name}`, `${indent}      devicePath: /dev/xvd${v.name.slice(-1)}`);
  }
  return L;
}

function renderStatefulSet(rng, s) {
  const L = [];
  if (s.comment) L.push(`# ${s.comment}`);
  L.push('apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', `  name: ${s.name}`, `  namespace: ${s.ns}`, '  labels: &labels',
    `    app.kubernetes.io/name: ${s.app}`, `    app.kubernetes.io/part-of: ${s.team}`, 'spec:', `  serviceName: ${s.service}`,
    `  replicas: ${s.replicas}`);
  if (rng.chance(0.4)) L.push('  podManagementPolicy: Parallel');
  L.push('  selector:', '    matchLabels: *labels', '  template:', '    metadata:', '      labels: *labels', '    spec:');
  if (rng.chance(0.4)) L.push('      securityContext: {fsGroup: 1000, runAsNonRoot: true}');
  L.push('      containers:', ...containerLines(rng, '        ', s.container));
  L.push('  volumeClaimTemplates:');
  for (const t of s.templates) {
    L.push('    - metadata:', `        name: ${t.name}`, '      spec:');
    if (rng.chance(0.5)) L.push(`        accessModes: [${q(t.accessMode)}]`);
    else L.push('        accessModes:', `          - ${t.accessMode}`);
    if (t.mode === 'Block') L.push('        volumeMode: Block');
    L.push(`        storageClassName: ${t.className}`, '        resources:', '          requests:', `            storage: ${t.storage}`);
  }
  return doc('StatefulSet', s.name, L, s.defect);
}

function renderDeployment(rng, d) {
  const L = [];
  if (d.comment) L.push(`# ${d.comment}`);
  L.push('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${d.name}`, `  namespace: ${d.ns}`, 'spec:', `  replicas: ${d.replicas}`);
  if (d.recreate) L.push(rng.chance(0.5) ? '  strategy: {type: Recreate}' : '  strategy:\n    type: Recreate');
  if (rng.chance(0.5)) {
    L.push(`  selector: {matchLabels: &sel {app.kubernetes.io/name: ${d.app}}}`, '  template:', '    metadata: {labels: *sel}');
  } else {
    L.push('  selector:', '    matchLabels: &sel', `      app.kubernetes.io/name: ${d.app}`, '  template:', '    metadata:', '      labels: *sel');
  }
  L.push('    spec:', '      containers:', ...containerLines(rng, '        ', d.container), '      volumes:');
  for (const v of d.container.volumes) {
    if (rng.chance(0.4)) L.push(`        - {name: ${v.name}, persistentVolumeClaim: {claimName: ${v.claim}}}`);
    else L.push(`        - name: ${v.name}`, '          persistentVolumeClaim:', `            claimName: ${v.claim}`);
  }
  if (rng.chance(0.5)) L.push('        - name: tmp', '          emptyDir: {}');
  // Flatten "strategy:\n    type" entries.
  return doc('Deployment', d.name, L.flatMap((l) => l.split('\n')));
}

// ---------------------------------------------------------------------------------------------
// Platform (shared) files.
function platformFiles(rng) {
  const files = [];
  const csi = 'csi.vsphere.vmware.com';
  const sc = (o) => renderStorageClass(rng, o);
  files.push({
    path: 'platform/storage/storageclasses-csi.yaml',
    header: ['# Shared vSphere CSI StorageClasses. Owned by the platform storage team.', '# Policies exist in vCenter (see .vsphere-csi.yaml).'],
    docs: [
      sc({ name: CLASS.default, comment: 'Default class: vSAN default policy, ext4, expandable.', provisioner: csi,
        annotations: { 'storageclass.kubernetes.io/is-default-class': q('true') }, labels: { tier: 'standard', owner: 'platform' },
        params: [['storagepolicyname', q('vSAN Default Storage Policy')], ['csi.storage.k8s.io/fstype', 'ext4']],
        reclaimPolicy: 'Delete', allowVolumeExpansion: 'true', volumeBindingMode: 'Immediate' }),
      sc({ name: CLASS.gold, comment: 'RAID-1 on the vSAN datastore, bound on first consumer.', provisioner: csi, labels: { tier: 'gold', owner: 'platform' },
        params: [['storagepolicyname', q('gold-raid1')], ['datastoreurl', q(VSAN_URL)], ['csi.storage.k8s.io/fstype', q('ext4')]],
        reclaimPolicy: 'Delete', allowVolumeExpansion: 'true', volumeBindingMode: 'WaitForFirstConsumer' }),
      sc({ name: CLASS.silver, provisioner: csi, labels: { tier: 'silver', owner: 'platform' },
        params: [['StoragePolicyName', q('silver-raid5'), 'keys are case-insensitive for the driver']],
        reclaimPolicy: 'Delete', allowVolumeExpansion: 'true', volumeBindingMode: 'Immediate' }),
      sc({ name: CLASS.xfs, comment: 'Databases that want xfs. RWO only: file volumes need nfs4/ext4.', provisioner: csi,
        labels: { tier: 'gold', owner: 'platform', fs: 'xfs' },
        params: [['storagepolicyname', q('db-raid1-xfs')], ['csi.storage.k8s.io/fstype', 'xfs']],
        reclaimPolicy: 'Retain', allowVolumeExpansion: 'true', volumeBindingMode: 'WaitForFirstConsumer' }),
      sc({ name: CLASS.file, comment: 'ReadWriteMany via vSAN File Services (NFS 4.1).', provisioner: csi, labels: { tier: 'shared', owner: 'platform' },
        params: [['storagepolicyname', q('vsan-file-policy')], ['csi.storage.k8s.io/fstype', q('nfs4')]],
        reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }),
      sc({ name: CLASS.vmfs, comment: 'Pinned to one shared VMFS datastore, no storage policy.', provisioner: csi,
        params: [['datastoreurl', q(VMFS_URL)]], flowParams: true, reclaimPolicy: 'Delete', allowVolumeExpansion: 'false', volumeBindingMode: 'Immediate' }),
    ],
  });
  const zonal = (name, zones, flow) => sc({ name, provisioner: csi, comment: `Topology-aware class for ${zones.join(', ')}.`,
    labels: { owner: 'platform', topology: q('true') }, params: [['storagepolicyname', q('zonal-policy')]],
    reclaimPolicy: 'Delete', allowVolumeExpansion: 'true', volumeBindingMode: 'WaitForFirstConsumer', topologyFlow: flow,
    topology: [['topology.csi.vmware.com/k8s-region', [REGION]], ['topology.csi.vmware.com/k8s-zone', zones]] });
  files.push({
    path: 'platform/storage/storageclasses-zonal.yaml',
    header: ['# Zonal classes. Tag categories k8s-region / k8s-zone are in csi-vsphere.conf [Labels] topology-categories.'],
    docs: [zonal('zonal-a', ['zone-a'], false), zonal('zonal-b', ['zone-b'], true), zonal('zonal-c', ['zone-c'], false), zonal('zonal-any', ZONES, false)],
  });
  files.push({
    path: 'platform/storage/storageclasses-intree.yml',
    header: ['# Legacy in-tree classes kept for old claims; served by the CSI driver through CSI migration.'],
    docs: [
      sc({ name: CLASS.legacyThin, acceptable: ['sc-in-tree-provisioner'], provisioner: 'kubernetes.io/vsphere-volume', params: [['diskformat', 'thin'], ['storagepolicyname', q('bronze-thin')]],
        reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }),
      sc({ name: CLASS.legacyGold, acceptable: ['sc-in-tree-provisioner'], provisioner: 'kubernetes.io/vsphere-volume', params: [['storagepolicyname', q('gold-raid1')], ['fstype', 'ext4']],
        reclaimPolicy: 'Retain' }),
    ],
  });
  files.push({
    path: 'platform/storage/snapshotclasses.yaml',
    header: ['# VolumeSnapshotClasses. vSphere CSI ignores snapshot class parameters, so there are none.'],
    docs: [
      renderVolumeSnapshotClass(rng, { name: VSC.default, driver: csi, deletionPolicy: 'Delete',
        annotations: { 'snapshot.storage.kubernetes.io/is-default-class': q('true') } }),
      renderVolumeSnapshotClass(rng, { name: VSC.retain, driver: csi, deletionPolicy: 'Retain', comment: 'Keeps the CNS snapshot after the VolumeSnapshot is deleted.' }),
    ],
  });
  files.push({
    path: 'platform/csi/internal-feature-states.yaml',
    header: ['# Feature switches of the vSphere CSI driver (vanilla).'],
    docs: [doc('FeatureStates', 'internal-feature-states.csi.vsphere.vmware.com', ['apiVersion: v1', 'kind: ConfigMap', 'metadata:',
      '  name: internal-feature-states.csi.vsphere.vmware.com', `  namespace: ${NS_CSI}`, 'data:',
      '  high-pv-node-density: "false"  # 59 volumes per node VM; "true" needs vSphere 8 everywhere'])],
  });
  return files;
}

function configText() {
  return [
    '# vsphere-csi-lint configuration for the benchmark corpus.',
    'driver:',
    '  version: "3.7.3"',
    '  flavor: vanilla',
    'vsphere:',
    '  version: "8.0.2"',
    'storagePolicies:',
    ...STORAGE_POLICIES.map((p) => `  - ${q(p)}`),
    'datastores:',
    `  - {url: ${q(VSAN_URL)}, name: vsanDatastore, type: vsan, fileServices: true}`,
    `  - {url: ${q(VMFS_URL)}, name: shared-vmfs-01, type: vmfs}`,
    `  - {url: ${q(NFS_URL)}, name: nfs-archive, type: nfs41}`,
    'topology:',
    '  categories: [k8s-region, k8s-zone]',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Team content. A Team keeps counters so names are unique in its namespace / the cluster.
class Team {
  constructor(name) {
    this.name = name;
    this.ns = `team-${name}`;
    this.counters = new Map();
    this.localClasses = []; // correct team-local CSI classes usable by RWO claims: {name, snapshot}
  }
  id(prefix) {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return n === 1 ? prefix : `${prefix}-${n}`;
  }
}

const GI = (n) => `${n}Gi`;
function binarySize(rng) {
  return rng.weighted([[GI(rng.pick([1, 2, 5, 8, 10, 16, 20, 32, 50, 64, 100])), 8], [`${rng.pick([256, 512, 768])}Mi`, 1], [`${rng.pick([1, 2])}Ti`, 0.3]]);
}

function rwoClass(rng, team) {
  if (team.localClasses.length && rng.chance(0.2)) return rng.pick(team.localClasses).name;
  return rng.weighted([[CLASS.default, 4], [CLASS.gold, 2], [CLASS.silver, 2], [CLASS.xfs, 1], [CLASS.vmfs, 1], [rng.pick(ZONAL_CLASSES), 1.5], [rng.pick(LEGACY_CLASSES), 0.7]]);
}

function snapshottableClass(rng, team) {
  const local = team.localClasses.filter((c) => c.snapshot);
  if (local.length && rng.chance(0.2)) return rng.pick(local).name;
  return rng.pick(SNAPSHOTTABLE_CLASSES);
}

const appLabels = (team, app) => ({ 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': team.name });

/** A correct standalone claim (RWO filesystem, RWO block or RWX file). */
function correctClaim(rng, team, app, opts = {}) {
  const flavour = opts.flavour ?? rng.weighted([['rwo', 6], ['block', 1.2], ['rwx', 1.8], ['default', 1]]);
  const name = team.id(`${app}-${rng.pick(['data', 'logs', 'cache', 'scratch', 'archive', 'spool'])}`);
  const p = { name, ns: team.ns, labels: rng.chance(0.7) ? appLabels(team, app) : undefined, storage: binarySize(rng) };
  if (flavour === 'rwo') Object.assign(p, { accessModes: ['ReadWriteOnce'], className: opts.className ?? rwoClass(rng, team) });
  else if (flavour === 'block') Object.assign(p, { accessModes: ['ReadWriteOnce'], volumeMode: 'Block', className: opts.className ?? rng.pick([CLASS.default, CLASS.gold, CLASS.silver]) });
  else if (flavour === 'rwx') Object.assign(p, { accessModes: ['ReadWriteMany'], volumeMode: rng.chance(0.3) ? 'Filesystem' : undefined, className: CLASS.file });
  else Object.assign(p, { accessModes: ['ReadWriteOnce'], comment: 'No storageClassName: the cluster default class (vsan-default) applies.' });
  if (flavour === 'rwo' && rng.chance(0.15)) p.annotations = { 'backup.example.com/schedule': q('daily') };
  return { pvc: p, flavour, doc: renderPvc(rng, p) };
}

function teamLocalClass(rng, team, defect) {
  const name = `${team.name}-${rng.pick(['fast', 'standard', 'bulk', 'db', 'logs', 'archive'])}-${team.id('sc').replace(/^sc-?/, '') || '1'}`;
  const policy = rng.pick(['gold-raid1', 'silver-raid5', 'vSAN Default Storage Policy', 'bronze-thin']);
  const fs = rng.pick(['ext4', 'ext4', 'xfs', null]);
  const params = [[rng.pick(['storagepolicyname', 'storagepolicyname', 'storagePolicyName']), q(policy)]];
  if (rng.chance(0.2)) params.push(['datastoreurl', q(VSAN_URL)]);
  if (fs) params.push(['csi.storage.k8s.io/fstype', rng.chance(0.5) ? fs : q(fs)]);
  const sc = {
    name, provisioner: 'csi.vsphere.vmware.com', comment: rng.chance(0.5) ? `Team ${team.name} class.` : undefined,
    labels: rng.chance(0.5) ? { owner: team.name } : undefined, params, flowParams: rng.chance(0.2),
    reclaimPolicy: rng.pick(['Delete', 'Retain']), allowVolumeExpansion: rng.pick(['true', 'false', undefined]),
    volumeBindingMode: rng.pick(['Immediate', 'WaitForFirstConsumer', undefined]), defect,
  };
  if (defect) applyScDefect(rng, sc, defect);
  return { name, fs, doc: renderStorageClass(rng, sc) };
}

function applyScDefect(rng, sc, defect) {
  sc.flowParams = false;
  switch (defect) {
    case 'sc-unknown-parameter': {
      const [k, v] = rng.pick([['storagePolicy', q('gold-raid1')], ['thinProvisioned', q('true')],
        ['storage-policy-name', q('silver-raid5')], ['encryption', q('enabled')], ['replicas', q('2')], ['datastoreURI', q(VSAN_URL)], ['policyName', q('gold-raid1')]]);
      sc.params.push([k, v]);
      break;
    }
    case 'sc-provisioner-typo':
      sc.provisioner = rng.pick(['csi.vsphere.vmare.com', 'csi.vsphere.vmware.con', 'csi-vsphere.vmware.com', 'csi.vshpere.vmware.com', 'csi.vsphere.vmware.co', 'csi.vsphere.wmware.com']);
      break;
    case 'sc-policy-not-string':
      sc.params[0] = ['storagepolicyname', rng.pick(['1001', '2024', 'true', 'yes', '3.5'])];
      break;
    case 'sc-binding-mode':
      sc.volumeBindingMode = rng.pick(['WaitForFirstConsumers', 'waitForFirstConsumer', 'Immediately', 'OnFirstConsumer', 'Lazy']);
      break;
    case 'sc-expansion-string':
      sc.allowVolumeExpansion = rng.pick(['"true"', "'true'"]);
      break;
    case 'sc-bad-fstype':
      sc.params = sc.params.filter(([k]) => k !== 'csi.storage.k8s.io/fstype');
      sc.params.push(['csi.storage.k8s.io/fstype', rng.pick(['btrfs', 'btrfs', 'zfs'])]);
      break;
    case 'sc-migration-parameter':
      sc.params.push(['csimigration', q('true')]);
      break;
    default:
      throw new Error(`not a StorageClass defect: ${defect}`);
  }
}

/** Builds the document group for one defect (the wrong document plus any correct context it needs). */
function defectGroup(rng, team, defect) {
  const app = rng.pick(APP_WORDS);
  const meta = DEFECTS[defect];
  if (meta.kind === 'StorageClass') return [teamLocalClass(rng, team, defect).doc];
  if (meta.kind === 'VolumeSnapshotClass') {
    return [renderVolumeSnapshotClass(rng, { name: `${team.name}-snapclass-${team.id('vsc').replace(/^vsc-?/, '') || '1'}`, defect,
      driver: rng.pick(['csi.vsphere.vmware.co', 'csi.vsphere.vmare.com', 'csi.vpshere.vmware.com', 'csi-vsphere.vmware.com', 'vsphere.csi.vmware.com']),
      deletionPolicy: rng.pick(['Delete', 'Retain']) })];
  }
  if (meta.kind === 'StatefulSet') return statefulSetGroup(rng, team, defect);
  const name = team.id(`${app}-${rng.pick(['data', 'shared', 'files', 'vol'])}`);
  const base = { name, ns: team.ns, labels: rng.chance(0.5) ? appLabels(team, app) : undefined, storage: binarySize(rng), defect };
  switch (defect) {
    case 'pvc-rwx-block':
      return [renderPvc(rng, { ...base, accessModes: ['ReadWriteMany'], volumeMode: 'Block', className: CLASS.file })];
    case 'pvc-bad-quantity': {
      const n = rng.pick([1, 5, 10, 20, 50, 100]);
      return [renderPvc(rng, { ...base, accessModes: ['ReadWriteOnce'], className: rwoClass(rng, team), storage: rng.pick([`${n}GB`, `${n}gb`, `"${n} Gi"`, `${n}MB`, `${n}GiB`]) })];
    }
    case 'pvc-rwx-on-xfs':
      return [renderPvc(rng, { ...base, accessModes: ['ReadWriteMany'], className: CLASS.xfs })];
    case 'pvc-class-not-found':
      return [renderPvc(rng, { ...base, accessModes: ['ReadWriteOnce'], className: rng.pick(['vsan-defualt', 'vsphere-gold', 'fast-ssd', 'standard', 'thin', 'gold', 'vsan-sliver', 'db-xfs-retain']) })];
    case 'pvc-restore-decimal': {
      // Source sized in decimal units is fine on its own (rounded up to whole MiB); repeating the
      // decimal size on the restore then no longer matches the snapshot size, so the restore fails.
      const n = rng.pick([5, 10, 20, 50]);
      const cls = rng.pick(SNAPSHOTTABLE_CLASSES);
      const src = correctClaim(rng, team, app, { flavour: 'rwo', className: cls });
      src.pvc.storage = `${n}G`;
      const srcDoc = renderPvc(rng, src.pvc);
      const snap = team.id(`${src.pvc.name}-snap`);
      return [srcDoc, renderVolumeSnapshot(rng, { name: snap, ns: team.ns, pvc: src.pvc.name, className: VSC.default }),
        renderPvc(rng, { ...base, name: team.id(`${src.pvc.name}-restore`), accessModes: ['ReadWriteOnce'], className: cls, storage: `${n}G`, dataSource: snap })];
    }
    default:
      throw new Error(`unhandled defect ${defect}`);
  }
}

function statefulSetGroup(rng, team, defect) {
  const [engine, image, dataPath, port] = rng.pick(DB_IMAGES);
  const app = `${engine}-${rng.pick(APP_WORDS)}`;
  const name = team.id(app);
  const svc = `${name}-headless`;
  const templates = [{ name: 'data', accessMode: 'ReadWriteOnce', className: rng.weighted([[rng.pick(RWO_CLASSES), 3], [rng.pick(ZONAL_CLASSES), 2]]), storage: binarySize(rng) }];
  if (rng.chance(0.3)) templates.push({ name: 'wal', accessMode: 'ReadWriteOnce', className: rng.pick([CLASS.gold, CLASS.default]), storage: GI(rng.pick([2, 5, 10])) });
  if (rng.chance(0.1)) templates.push({ name: 'rawb', accessMode: 'ReadWriteOnce', mode: 'Block', className: CLASS.gold, storage: GI(rng.pick([10, 20])) });
  if (defect) templates[0].accessMode = rng.pick(['ReadWriteOne', 'ReadWriteonce', 'RWO', 'ReadWriteOnly']);
  const volumes = templates.map((t, i) => ({ name: t.name, mode: t.mode, path: i === 0 ? dataPath : `/var/lib/${engine}/${t.name}` }));
  const out = [];
  out.push(renderService(rng, { name: svc, ns: team.ns, app, headless: true, port, portName: engine.slice(0, 15) }));
  const cm = rng.chance(0.5) ? team.id(`${name}-config`) : undefined;
  if (cm) out.push(renderConfigMap(rng, { name: cm, ns: team.ns, port, path: dataPath }));
  out.push(renderStatefulSet(rng, {
    name, app, ns: team.ns, team: team.name, service: svc, replicas: rng.pick([1, 3, 3, 5]), templates, defect,
    comment: rng.chance(0.3) ? `${engine} for ${team.name}; one ${templates[0].className} volume per replica.` : undefined,
    container: { name: engine, image, port, portName: engine.slice(0, 15), envFrom: cm, volumes },
  }));
  return out;
}

function deploymentGroup(rng, team) {
  const app = team.id(rng.pick(APP_WORDS));
  const shared = rng.chance(0.35);
  const out = [];
  const volumes = [];
  const nClaims = shared ? 1 : rng.int(1, 2);
  for (let i = 0; i < nClaims; i++) {
    const c = correctClaim(rng, team, app, { flavour: shared ? 'rwx' : rng.weighted([['rwo', 5], ['block', 1], ['default', 1]]) });
    out.push(c.doc);
    volumes.push({ name: `vol${i}`, claim: c.pvc.name, mode: c.pvc.volumeMode, path: `/srv/${app}/${['data', 'extra'][i]}` });
  }
  const port = rng.pick([8080, 8443, 9000, 3000]);
  const cm = rng.chance(0.6) ? team.id(`${app}-config`) : undefined;
  if (cm) out.push(renderConfigMap(rng, { name: cm, ns: team.ns, port, path: volumes[0].path }));
  out.push(renderService(rng, { name: app, ns: team.ns, app, port, portName: 'http' }));
  out.push(renderDeployment(rng, {
    name: app, app, ns: team.ns, replicas: shared ? rng.pick([2, 3, 4]) : 1, recreate: !shared,
    comment: shared ? 'Several replicas share one ReadWriteMany (vSAN File Services) volume.' : rng.chance(0.3) ? 'Single replica: the claim is ReadWriteOnce.' : undefined,
    container: { name: app.replace(/-\d+$/, ''), image: `registry.example.com/${team.name}/${app.replace(/-\d+$/, '')}:${rng.int(1, 4)}.${rng.int(0, 20)}.${rng.int(0, 9)}`, port, portName: 'http', envFrom: cm, volumes },
  }));
  return out;
}

function backupGroup(rng, team) {
  const app = rng.pick(APP_WORDS);
  const cls = snapshottableClass(rng, team);
  const src = correctClaim(rng, team, app, { flavour: rng.chance(0.8) ? 'rwo' : 'block', className: cls });
  const out = [src.doc];
  const nSnaps = rng.int(1, 2);
  let lastSnap;
  for (let i = 0; i < nSnaps; i++) {
    lastSnap = team.id(`${src.pvc.name}-snap`);
    out.push(renderVolumeSnapshot(rng, { name: lastSnap, ns: team.ns, pvc: src.pvc.name, className: rng.weighted([[VSC.default, 3], [VSC.retain, 1], [undefined, 1]]),
      comment: i === 0 && rng.chance(0.4) ? 'Nightly snapshot (CNS snapshot of the FCD).' : undefined }));
  }
  if (rng.chance(0.7)) {
    out.push(renderPvc(rng, { name: team.id(`${src.pvc.name}-restore`), ns: team.ns, accessModes: ['ReadWriteOnce'], volumeMode: src.pvc.volumeMode,
      className: cls, storage: src.pvc.storage, dataSource: lastSnap, comment: 'Restore: same size as the source, binary units.' }));
  }
  return out;
}

function storageGroup(rng, team) {
  const out = [];
  const local = teamLocalClass(rng, team);
  out.push(local.doc);
  team.localClasses.push({ name: local.name, snapshot: true });
  for (let i = rng.int(2, 5); i > 0; i--) {
    out.push(correctClaim(rng, team, rng.pick(APP_WORDS), { flavour: 'rwo', className: local.name }).doc);
  }
  return out;
}

const repeat = (n, fn) => Array.from({ length: n }, fn);

// Each file kind returns a list of self-contained groups (a group's documents only reference
// documents earlier in the same group or in the platform files); defect groups go between them.
const FILE_KINDS = [
  ['statefulset', 3, (rng, team) => repeat(rng.int(1, 3), () => statefulSetGroup(rng, team)), 'db'],
  ['deployment', 3, (rng, team) => repeat(rng.int(1, 2), () => deploymentGroup(rng, team)), 'apps'],
  ['backup', 2, (rng, team) => repeat(rng.int(1, 3), () => backupGroup(rng, team)), 'backup'],
  ['claims', 2, (rng, team) => repeat(rng.int(3, 9), () => [correctClaim(rng, team, rng.pick(APP_WORDS)).doc]), 'storage'],
  ['storage', 0.7, (rng, team) => [storageGroup(rng, team)], 'storage'],
  ['config', 1, (rng, team) => {
    const groups = repeat(rng.int(3, 6), () => {
      const app = rng.pick(APP_WORDS);
      return [renderConfigMap(rng, { name: team.id(`${app}-settings`), ns: team.ns, port: rng.pick([8080, 9090]), path: `/srv/${app}` })];
    });
    const app = team.id(rng.pick(APP_WORDS));
    groups.push([renderService(rng, { name: app, ns: team.ns, app, port: 8080, portName: 'http' })]);
    return groups;
  }, 'config'],
];

/**
 * Generates the team files. Groups of documents are produced file by file; with probability
 * defectRate per correct document a defect group is inserted at a random group boundary.
 * Defects cycle through a shuffled list so every defect appears about equally often.
 */
function teamFiles(rng, teams, filesPerTeam, defectRate) {
  const files = [];
  let cycle = [];
  const nextDefect = () => {
    if (!cycle.length) {
      cycle = [...DEFECT_IDS];
      for (let i = cycle.length - 1; i > 0; i--) { const j = Math.floor(rng.next() * (i + 1)); [cycle[i], cycle[j]] = [cycle[j], cycle[i]]; }
    }
    return cycle.pop();
  };
  const teamObjs = teams.map((t) => new Team(t));
  // Round-robin across teams so truncation (--big) keeps a mix of teams.
  for (let f = 0; f < filesPerTeam.max; f++) {
    for (let ti = 0; ti < teamObjs.length; ti++) {
      if (f >= filesPerTeam.count(ti)) continue;
      const team = teamObjs[ti];
      const [kind, , make, folder] = rng.weighted(FILE_KINDS.map((k) => [k, k[1]]));
      const groups = make(rng, team);
      const correctDocs = groups.reduce((n, g) => n + g.length, 0);
      // Defect groups also bring some correct context documents (restore chains, StatefulSet
      // bundles), so the per-document probability is raised to make `defectRate` the share.
      const p = defectRate / Math.max(0.05, 1 - 1.3 * defectRate);
      let defectsToAdd = 0;
      for (let i = 0; i < correctDocs; i++) if (rng.chance(p)) defectsToAdd++;
      for (let i = 0; i < defectsToAdd; i++) {
        const g = defectGroup(rng, team, nextDefect());
        groups.splice(rng.int(0, groups.length), 0, g);
      }
      const ext = rng.chance(0.15) ? 'yml' : 'yaml';
      const sub = rng.chance(0.5) ? `${folder}/` : '';
      const base = `${kind}-${String(f + 1).padStart(3, '0')}`;
      files.push({
        path: `team-${team.name}/${sub}${base}.${ext}`,
        header: rng.chance(0.7) ? [`# Team ${team.name}: ${kind} manifests.`, ...(rng.chance(0.3) ? ['# Managed by GitOps; edit through a pull request.'] : [])] : [],
        leadingSeparator: rng.chance(0.4),
        docs: groups.flat(),
      });
    }
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Files in the linter's other languages: the driver's csi-vsphere.conf, node VM .vmx files and
// host scripts with esxcli lines. All correct. They come from their own PRNG stream, so the YAML
// part of the corpus is the same with or without them. Each is one "document" in the ground truth.
const VCENTERS = ['vc1.example.com', 'vc2.example.com', 'vcsa-eu.corp.example', 'vcsa-us.corp.example'];
const DATACENTERS = ['dc-east', 'dc-west', 'dc-central', 'dc-lab'];

function csiConfFile(rng, team, n) {
  const vc = rng.pick(VCENTERS);
  const lines = [
    `# csi-vsphere.conf of the ${team} cluster ${n}; becomes the Secret vsphere-config-secret (namespace ${NS_CSI}).`,
    '[Global]',
    `cluster-id = "${team}-k8s-${n}"`,
    `user = "${rng.pick(['svc-k8s-csi', 'k8s-csi', `csi-${team}`])}@vsphere.local"`,
    'port = 443',
    ...(rng.chance(0.5) ? ['ca-file = "/etc/cloud/vcenter-ca.pem"'] : ['insecure-flag = false']),
    '',
    `[VirtualCenter "${vc}"]`,
    `password = "${rng.pick(['c0rrect#horse;battery', 'Tr0ub4dor&3', 'plain-secret-value'])}"`,
    `datacenters = "${rng.pick(DATACENTERS)}"`,
    '',
    '[Labels]',
    'topology-categories = "k8s-region,k8s-zone"',
  ];
  if (rng.chance(0.4)) lines.push('', `[NetPermissions "${team}"]`, `Ips = "10.${rng.int(10, 99)}.0.0/16"`, `Permissions = "${rng.pick(['READ_WRITE', 'READ_ONLY'])}"`, 'RootSquash = true');
  return { path: `team-${team}/cluster/csi-vsphere-${n}.conf`, kind: 'csi-vsphere.conf', name: `${team}-k8s-${n}`, lines };
}

function vmxFile(rng, team, n) {
  const name = `${team}-worker-${n}`;
  const mac = () => rng.int(0, 255).toString(16).padStart(2, '0');
  const lines = [
    `# Kubernetes worker node VM of team ${team}: disk UUIDs shown to the guest, PVSCSI controllers.`,
    '.encoding = "UTF-8"',
    'config.version = "8"',
    `virtualHW.version = "${rng.pick([15, 17, 19, 20])}"`,
    `displayName = "${name}"`,
    `guestOS = "${rng.pick(['ubuntu-64', 'rhel9-64', 'other5xlinux-64'])}"`,
    `numvcpus = "${rng.pick([2, 4, 8])}"`,
    `memSize = "${rng.pick([8192, 16384, 32768])}"`,
    'disk.EnableUUID = "TRUE"',
    'scsi0.present = "TRUE"',
    'scsi0.virtualDev = "pvscsi"',
    'scsi0:0.present = "TRUE"',
    `scsi0:0.fileName = "${name}.vmdk"`,
    ...(rng.chance(0.5) ? ['scsi1.present = "TRUE"', 'scsi1.virtualDev = "pvscsi"'] : []),
    'ethernet0.present = "TRUE"',
    'ethernet0.virtualDev = "vmxnet3"',
    'ethernet0.addressType = "static"',
    `ethernet0.address = "00:50:56:${mac().replace(/^./, '0')}:${mac()}:${mac()}"`,
    'tools.syncTime = "FALSE"',
  ];
  return { path: `team-${team}/nodes/${name}.vmx`, kind: 'vmx', name, lines };
}

function hostScriptFile(rng, team, n) {
  const lines = ['#!/bin/sh', `# Host settings for the ESXi hosts of the ${team} clusters (batch ${n}).`, 'set -eu', 'HOST=$(hostname -s)', ''];
  const steps = [
    ['# Memory sharing: keep the secure default.', 'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2'],
    ['# Latency-aware Round Robin: just check it.', 'esxcfg-advcfg -g /Misc/EnablePSPLatencyPolicy'],
    ['# Wait before failing back onto an uplink that came back.', `esxcli system settings advanced set -o /Net/TeamPolicyUpDelay -i ${rng.pick([10000, 20000])}`],
    ['# Jumbo frames on the vSAN network, without fragmenting.', `vmkping -I vmk${rng.int(1, 3)} -d -s 8972 10.${rng.int(10, 99)}.12.${rng.int(2, 250)}`],
  ];
  for (const [comment, command] of steps) if (rng.chance(0.75)) lines.push(comment, command, '');
  lines.push('echo "host settings applied on ${HOST}"');
  return { path: `team-${team}/hosts/host-settings-${n}.sh`, kind: 'shell', name: `host-settings-${n}`, lines };
}

/** About `share` × yamlFiles files in the other languages, spread over the teams. */
function otherFiles(seed, teams, yamlFiles, share) {
  const rng = createRng(`${seed}:other-languages`);
  const count = Math.round(yamlFiles * share);
  const makers = [csiConfFile, vmxFile, hostScriptFile];
  const numbers = new Map();
  const files = [];
  for (let i = 0; i < count; i++) {
    const team = teams[i % teams.length];
    const make = makers[Math.floor(i / teams.length) % makers.length];
    const key = `${team}:${make.name}`;
    const n = (numbers.get(key) ?? 0) + 1;
    numbers.set(key, n);
    files.push(make(rng, team, n));
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
/**
 * Turns a file's documents into text and the spans of its documents. A document's span runs from
 * its `---` separator line (or line 1 for the first document) to the line before the next
 * separator, so every line of the file belongs to exactly one document.
 */
function assemble(file) {
  const out = [];
  const spans = [];
  file.docs.forEach((d, i) => {
    const start = out.length + 1;
    if (i === 0) {
      out.push(...(file.header ?? []));
      if (file.leadingSeparator) out.push('---');
    } else {
      out.push('---');
    }
    out.push(...d.lines);
    const entry = { start, end: out.length, kind: d.kind, name: d.name };
    if (d.defect) entry.defect = d.defect;
    if (d.acceptable) entry.acceptable = d.acceptable;
    spans.push(entry);
  });
  return { text: out.join('\n') + '\n', spans };
}

function parseArgs(argv) {
  const args = { files: 2000, teams: 20, seed: '1', defectRate: 0.1, otherShare: 0.05, out: undefined, big: undefined, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { const v = argv[++i]; if (v === undefined) throw new Error(`${a} needs a value`); return v; };
    if (a === '--files') args.files = Number(val());
    else if (a === '--teams') args.teams = Number(val());
    else if (a === '--seed') args.seed = val();
    else if (a === '--defect-rate') args.defectRate = Number(val());
    else if (a === '--other-share') args.otherShare = Number(val());
    else if (a === '--out') args.out = val();
    else if (a === '--big') args.big = Number(val());
    else if (a === '--force') args.force = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  for (const k of ['files', 'teams', 'defectRate', 'otherShare']) if (!Number.isFinite(args[k]) || args[k] < 0) throw new Error(`bad --${k}`);
  if (args.big !== undefined && (!Number.isInteger(args.big) || args.big < 1)) throw new Error('bad --big');
  if (args.teams < 1 || args.teams > TEAMS.length) throw new Error(`--teams must be 1..${TEAMS.length}`);
  return args;
}

function summarise(fileEntries) {
  const defects = {};
  let docs = 0;
  let wrong = 0;
  for (const f of fileEntries) {
    for (const d of f.docs) {
      docs++;
      if (d.defect) { wrong++; defects[d.defect] = (defects[d.defect] ?? 0) + 1; }
    }
  }
  return { docs, wrong, defects };
}

/** Generates a corpus tree (or, with big, one file) and returns the ground truth object. */
export function generate({ out, files = 2000, teams = 20, seed = '1', defectRate = 0.1, otherShare = 0.05, big, force = false }) {
  if (!out) throw new Error('--out is required');
  const rng = createRng(String(seed));
  const teamNames = TEAMS.slice(0, teams);
  const platform = platformFiles(rng);
  const truthPath = `${out.replace(/[\\/]+$/, '')}.truth.json`;
  let entries;
  let written;

  if (big !== undefined) {
    // One file of exactly `big` documents: platform objects first, then team content.
    const perTeam = Math.ceil(big / 6 / teamNames.length) + 2;
    const team = teamFiles(rng, teamNames, { max: perTeam, count: () => perTeam }, defectRate);
    const allDocs = [...platform.flatMap((f) => f.docs), ...team.flatMap((f) => f.docs)];
    while (allDocs.length < big) {
      // Not expected with the estimate above; extend deterministically if it happens.
      allDocs.push(...teamFiles(rng, teamNames, { max: 4, count: () => 4 }, defectRate).flatMap((f) => f.docs));
    }
    const file = { path: path.basename(out), header: [`# ${big} documents generated by bench/gen-corpus.mjs (seed ${seed}).`], leadingSeparator: true, docs: allDocs.slice(0, big) };
    const { text, spans } = assemble(file);
    prepareTarget(out, force, false);
    fs.writeFileSync(out, text);
    entries = [{ path: file.path, docs: spans }];
    written = { files: 1, bytes: Buffer.byteLength(text) };
  } else {
    const teamFileCount = Math.max(0, files - platform.length);
    const base = Math.floor(teamFileCount / teamNames.length);
    const extra = teamFileCount % teamNames.length;
    const counts = (ti) => base + (ti < extra ? 1 : 0);
    const all = [...platform, ...teamFiles(rng, teamNames, { max: base + (extra ? 1 : 0), count: counts }, defectRate)];
    prepareTarget(out, force, true);
    entries = [];
    let bytes = 0;
    const sorted = [...all].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const made = new Set();
    for (const f of sorted) {
      const { text, spans } = assemble(f);
      const abs = path.join(out, f.path);
      const dir = path.dirname(abs);
      if (!made.has(dir)) { fs.mkdirSync(dir, { recursive: true }); made.add(dir); }
      fs.writeFileSync(abs, text);
      bytes += Buffer.byteLength(text);
      entries.push({ path: f.path, docs: spans });
    }
    for (const f of otherFiles(String(seed), teamNames, entries.length, otherShare)) {
      const abs = path.join(out, f.path);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      const text = f.lines.join('\n') + '\n';
      fs.writeFileSync(abs, text);
      bytes += Buffer.byteLength(text);
      entries.push({ path: f.path, language: f.kind, docs: [{ start: 1, end: f.lines.length, kind: f.kind, name: f.name }] });
    }
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const cfg = configText();
    fs.writeFileSync(path.join(out, '.vsphere-csi.yaml'), cfg);
    fs.writeFileSync(path.join(out, MARKER), `generated by bench/gen-corpus.mjs v${GENERATOR_VERSION}\n`);
    written = { files: entries.length, bytes };
  }

  const summary = summarise(entries);
  const truth = {
    generator: `bench/gen-corpus.mjs v${GENERATOR_VERSION}`,
    args: big !== undefined ? { big, seed: String(seed), defectRate } : { files, teams, seed: String(seed), defectRate, otherShare },
    spanConvention: '1-based inclusive line span; a document starts at its --- line (line 1 for the first document) and ends before the next ---',
    acceptableConvention: 'acceptable: rule ids whose findings on that correct document are advice (the in-tree classes work through CSI migration; a deprecation warning is fair), scored apart from false positives',
    filesConvention: 'YAML files have one entry per document; files in the other languages (language: csi-vsphere.conf, vmx, shell) count as one document spanning the whole file',
    totals: {
      files: written.files,
      documents: summary.docs,
      yamlFiles: entries.filter((e) => !e.language).length,
      yamlDocuments: entries.filter((e) => !e.language).reduce((n, e) => n + e.docs.length, 0),
      otherFiles: entries.filter((e) => e.language).length,
      bytes: written.bytes,
      defective: summary.wrong,
      defectiveShare: +(summary.wrong / summary.docs).toFixed(4),
    },
    defects: Object.fromEntries(DEFECT_IDS.map((id) => [id, { ...DEFECTS[id], count: summary.defects[id] ?? 0 }])),
    files: entries,
  };
  fs.writeFileSync(truthPath, JSON.stringify(truth, null, 1) + '\n');
  return { truth, truthPath };
}

/** Refuses to overwrite anything it did not generate itself. */
function prepareTarget(out, force, isDir) {
  if (!fs.existsSync(out)) {
    if (isDir) fs.mkdirSync(out, { recursive: true });
    else fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    return;
  }
  if (!isDir) {
    if (!force) throw new Error(`${out} exists; pass --force to overwrite it`);
    return;
  }
  const entries = fs.readdirSync(out);
  if (entries.length === 0) return;
  if (!force || !entries.includes(MARKER)) {
    throw new Error(`${out} is not empty${entries.includes(MARKER) ? '; pass --force to regenerate' : ' and was not made by this generator; refusing to touch it'}`);
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
      console.log('usage: node bench/gen-corpus.mjs --out DIR [--files 2000] [--teams 20] [--seed 1] [--defect-rate 0.1] [--other-share 0.05] [--force]\n' +
        '       node bench/gen-corpus.mjs --big N --out FILE.yaml [--seed 1] [--force]');
      process.exit(0);
    }
    const { truth, truthPath } = generate(args);
    const t = truth.totals;
    console.log(`wrote ${t.files} files (${t.otherFiles ?? 0} not YAML), ${t.documents} documents, ${(t.bytes / 1048576).toFixed(2)} MiB, ${t.defective} defective (${(t.defectiveShare * 100).toFixed(1)} %)`);
    console.log(`ground truth: ${truthPath}`);
  } catch (error) {
    console.error(`gen-corpus: ${error.message}`);
    process.exit(2);
  }
}
