// Fragment languages through the server: a csi-vsphere.conf file and one embedded in the Secret
// vsphere-config-secret get diagnostics, hovers and completion from their fragment support, and a
// topology category declared in a conf file reaches StorageClasses in other files.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspClient, fileUri, serverBuilt } from './client.js';
import { createWorkspace, type Workspace } from './fixtures.js';

if (!serverBuilt()) throw new Error('server/dist/server.js is missing: run `npm run build` first (npm test does).');

const CONF = ['[Global]', 'cluster-id = "prod"', '', '[VirtualCenter "vc.example.com"]', 'user = "administrator"', 'password = "secret"', 'insecure_flag = false', '', '[Labels]', 'topology-categories = "k8s-region,k8s-zone"', ''].join('\n');

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: vsphere-config-secret
  namespace: vmware-system-csi
stringData:
  csi-vsphere.conf: |
${CONF.split('\n')
  .map((l) => (l ? `    ${l}` : ''))
  .join('\n')}
`;

const ZONAL = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: zonal
provisioner: csi.vsphere.vmware.com
volumeBindingMode: WaitForFirstConsumer
allowedTopologies:
  - matchLabelExpressions:
      - key: topology.csi.vmware.com/k8s-rack
        values: [rack-1]
`;

let ws: Workspace;
let client: LspClient;

beforeAll(async () => {
  ws = createWorkspace({ 'conf/csi-vsphere.conf': CONF, 'storage/zonal.yaml': ZONAL });
  client = await LspClient.start({ folders: [ws.root], settings: { enable: true, rules: {}, configFile: '' } });
  await client.indexed();
});

afterAll(async () => {
  await client?.stop();
  ws?.remove();
});

const hoverText = (hover: Hover | null) => (hover ? (hover.contents as MarkupContent).value : '');

test('a csi-vsphere.conf file: diagnostics, hover and completion from its fragment support', async () => {
  const uri = fileUri(ws.file('conf/csi-vsphere.conf'));
  client.open(uri, CONF, 'ini');
  const diagnostics = await client.diagnosticsOf(uri, (ds) => ds.length > 0);
  expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['csi-conf-invalid-name']));
  expect(diagnostics.every((d) => d.source === 'vsphere-csi')).toBe(true);
  const hover = hoverText(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } }));
  expect(hover).toMatch(/cluster-id/);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 0 } });
  expect(items.length).toBeGreaterThan(0);
  client.close(uri);
});

test('csi-vsphere.conf embedded in a Secret: findings on the YAML lines, hover inside the block', async () => {
  const uri = fileUri(ws.file('deploy/secret.yaml'));
  client.open(uri, SECRET);
  const diagnostics = await client.diagnosticsOf(uri, (ds) => ds.some((d) => d.code === 'csi-conf-invalid-name'));
  const invalid = diagnostics.find((d) => d.code === 'csi-conf-invalid-name')!;
  expect(invalid.range.start).toEqual({ line: 13, character: 4 });
  const hover = hoverText(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 6 } }));
  expect(hover).toMatch(/cluster-id/);
  client.close(uri);
});

test('topology categories declared in an unopened csi-vsphere.conf reach a StorageClass', async () => {
  const uri = fileUri(ws.file('storage/zonal.yaml'));
  client.open(uri, ZONAL);
  const diagnostics = await client.diagnosticsOf(uri, (ds) => ds.some((d) => d.code === 'sc-topology-key'));
  const d = diagnostics.find((x) => x.code === 'sc-topology-key')!;
  expect(d.message).toMatch(/k8s-region|k8s-zone/);
  client.close(uri);
});
