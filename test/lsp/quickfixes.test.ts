// Every kind of quick fix the issue lists, through the server over stdio: the code action for the
// finding, applied to the text, gives exactly the expected document — only the fixed piece
// changes, comments and indentation (including unusual indentation) stay as they were.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient, applyTextEdits, fileUri, serverBuilt } from './client.js';
import { standardWorkspace, type Workspace } from './fixtures.js';

if (!serverBuilt()) throw new Error('server/dist/server.js is missing: run `npm run build` first (npm test does).');

interface Case {
  name: string;
  rule: string;
  text: string;
  /** The action's title. */
  title: RegExp;
  /** Whether it is the finding's safe fix (preferred) rather than a suggestion. */
  preferred: boolean;
  /** The document after the action: `text` with these replacements, nothing else. */
  replace: Array<[string, string]>;
}

const SC = (name: string, rest: string) => `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${name}\n${rest}`;

const CASES: Case[] = [
  {
    name: 'did-you-mean for an unknown parameter key',
    rule: 'sc-unknown-parameter',
    text: SC('k', 'provisioner: csi.vsphere.vmware.com\nparameters:\n    # policy of the class\n    storagepolicynme: gold-raid1   # keep me\n'),
    title: /^Rename to storagepolicyname$/,
    preferred: false,
    replace: [['storagepolicynme:', 'storagepolicyname:']],
  },
  {
    name: 'did-you-mean for the provisioner',
    rule: 'sc-provisioner-typo',
    text: SC('typo', 'provisioner: csi.vsphere.vmware.co  # the driver\nparameters:\n  storagepolicyname: "gold-raid1"\n'),
    title: /^Change to "csi\.vsphere\.vmware\.com"$/,
    preferred: false,
    replace: [['csi.vsphere.vmware.co  #', 'csi.vsphere.vmware.com  #']],
  },
  {
    name: 'did-you-mean for a storage policy name',
    rule: 'sc-unknown-storage-policy',
    text: SC('p', 'provisioner: csi.vsphere.vmware.com\nparameters:\n    # which policy\n    storagepolicyname: "gold-raid"   # keep\n'),
    title: /^Change to "gold-raid1"$/,
    preferred: false,
    replace: [['"gold-raid"', '"gold-raid1"']],
  },
  {
    name: 'did-you-mean for a datastore URL',
    rule: 'sc-unknown-datastore',
    text: SC('d', 'provisioner: csi.vsphere.vmware.com\nparameters:\n  datastoreurl: "ds:///vmfs/volumes/vsan:52cd0e1bb2ac4f3e-8e9f4e1f34ca0e58/" # pinned\n'),
    title: /^Change to "ds:\/\/\/vmfs\/volumes\/vsan:52cd0e1bb2ac4f3e-8e9f4e1f34ca0e57\/"$/,
    preferred: false,
    replace: [['0e58/"', '0e57/"']],
  },
  {
    name: 'did-you-mean for a class name',
    rule: 'pvc-storage-class-not-found',
    text: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\nspec:\n  accessModes: [ReadWriteOnce]\n  # the class\n  storageClassName:   gld # typo\n  resources:\n    requests:\n      storage: 1Gi\n',
    title: /^Change to "?gold"?$/,
    preferred: false,
    replace: [['  gld # typo', '  gold # typo']],
  },
  {
    name: 'lowercase fstype',
    rule: 'sc-invalid-fstype',
    text: SC('f', 'provisioner: csi.vsphere.vmware.com\nparameters:\n      csi.storage.k8s.io/fstype: "XFS"   # case\n'),
    title: /^Change to "xfs"$/,
    preferred: true,
    replace: [['"XFS"', '"xfs"']],
  },
  {
    name: 'fstype to csi.storage.k8s.io/fstype',
    rule: 'sc-fstype-deprecated',
    text: SC('f', 'provisioner: csi.vsphere.vmware.com\nparameters:\n    # old spelling\n    fstype: ext4 # keep\n'),
    title: /^Rename to csi\.storage\.k8s\.io\/fstype$/,
    preferred: true,
    replace: [['    fstype: ext4', '    csi.storage.k8s.io/fstype: ext4']],
  },
  {
    name: 'remove a migration-internal key (the whole line, nothing else)',
    rule: 'sc-migration-parameter',
    text: SC('m', 'provisioner: csi.vsphere.vmware.com\nparameters:\n  storagepolicyname: gold-raid1 # policy\n  csimigration: "true"\n  # end of parameters\n'),
    title: /^Remove csimigration$/,
    preferred: true,
    replace: [['  csimigration: "true"\n', '']],
  },
  {
    name: 'convert an in-tree class to CSI',
    rule: 'sc-in-tree-provisioner',
    text: `# legacy class\n${SC('legacy', 'provisioner: kubernetes.io/vsphere-volume # in-tree\nparameters:\n  storagePolicyName: gold-raid1   # policy\n  fstype: ext4\n')}`,
    title: /^Convert to a csi\.vsphere\.vmware\.com StorageClass$/,
    preferred: true,
    replace: [
      ['kubernetes.io/vsphere-volume # in-tree', 'csi.vsphere.vmware.com # in-tree'],
      ['  fstype: ext4', '  csi.storage.k8s.io/fstype: ext4'],
    ],
  },
  {
    name: 'decimal to binary size units (restore from a snapshot)',
    rule: 'pvc-restore-decimal-size',
    text: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: restored\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: gold\n  dataSource:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: snap\n  resources:\n    requests:\n      storage: 5G   # restore\n',
    title: /^Change to 4769Mi$/,
    preferred: true,
    replace: [['5G   # restore', '4769Mi   # restore']],
  },
  {
    name: 'decimal or binary: the binary reading of an ambiguous unit',
    rule: 'pvc-storage-request',
    text: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: s\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: gold\n  resources:\n    requests:\n        storage: 10GB # ten\n',
    title: /^Change to 10Gi$/,
    preferred: false,
    replace: [['10GB # ten', '10Gi # ten']],
  },
  {
    name: 'add volumeBindingMode: WaitForFirstConsumer',
    rule: 'sc-topology-immediate-binding',
    text: SC('zonal', 'provisioner: csi.vsphere.vmware.com\n# zones\nallowedTopologies:\n  - matchLabelExpressions:\n      - key: topology.csi.vmware.com/k8s-zone\n        values: [zone-a, zone-b]\n'),
    title: /^Set volumeBindingMode: WaitForFirstConsumer$/,
    preferred: true,
    replace: [['values: [zone-a, zone-b]\n', 'values: [zone-a, zone-b]\nvolumeBindingMode: WaitForFirstConsumer\n']],
  },
  {
    name: 'set volumeBindingMode: Immediate to WaitForFirstConsumer',
    rule: 'sc-topology-immediate-binding',
    text: SC('zonal', 'provisioner: csi.vsphere.vmware.com\nvolumeBindingMode: Immediate  # too early\nallowedTopologies:\n  - matchLabelExpressions:\n      - key: topology.csi.vmware.com/k8s-zone\n        values: [zone-a, zone-b]\n'),
    title: /^Set volumeBindingMode: WaitForFirstConsumer$/,
    preferred: true,
    replace: [['Immediate  # too early', 'WaitForFirstConsumer  # too early']],
  },
  {
    name: '"disable this rule for this line" with the line\'s indentation',
    rule: 'sc-invalid-fstype',
    text: SC('f', 'provisioner: csi.vsphere.vmware.com\nparameters:\n      csi.storage.k8s.io/fstype: btrfs # tried\n'),
    title: /^Disable sc-invalid-fstype for this line$/,
    preferred: false,
    replace: [['      csi.storage.k8s.io/fstype: btrfs', '      # vsphere-csi-lint-disable-next-line sc-invalid-fstype -- reason\n      csi.storage.k8s.io/fstype: btrfs']],
  },
];

function expectedText(c: Case): string {
  let out = c.text;
  for (const [from, to] of c.replace) {
    expect(out.split(from), `"${from}" occurs once in the ${c.name} text`).toHaveLength(2);
    out = out.replace(from, to);
  }
  return out;
}

describe('quick fixes over stdio: every kind, with comments and indentation kept', () => {
  let ws: Workspace;
  let client: LspClient;

  beforeAll(async () => {
    ws = standardWorkspace();
    client = await LspClient.start({ folders: [ws.root], settings: { enable: true, rules: {}, configFile: '' } });
    await client.indexed();
  });

  afterAll(async () => {
    await client?.stop();
    ws?.remove();
  });

  test.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const uri = fileUri(ws.file(`apps/fix-${i}.yaml`));
    client.open(uri, c.text);
    try {
      const diagnostics = await client.diagnosticsOf(uri, (ds) => ds.some((d) => d.code === c.rule));
      const diagnostic = diagnostics.find((d) => d.code === c.rule) as Diagnostic;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
      const action = actions.find((a) => c.title.test(a.title));
      expect(action, `an action ${c.title} among ${actions.map((a) => a.title).join(' | ')}`).toBeDefined();
      expect(action!.kind).toBe('quickfix');
      expect(action!.isPreferred === true).toBe(c.preferred);
      expect(action!.diagnostics?.map((d) => d.code)).toEqual([c.rule]);
      const after = applyTextEdits(c.text, action!.edit!.changes![uri]!);
      expect(after).toBe(expectedText(c));
      // Applied through the server, the finding goes away.
      client.change(uri, action!.edit!.changes![uri]!.map((e) => ({ range: e.range, text: e.newText })));
      await client.diagnosticsOf(uri, (ds) => !ds.some((d) => d.code === c.rule && d.range.start.line === diagnostic.range.start.line));
    } finally {
      client.close(uri);
    }
  });
});
