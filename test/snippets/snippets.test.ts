// Every contributed snippet, expanded with its defaults, must lint clean with the real language
// service: no finding at warning or error, alone with the classes it names and with the inventory
// skeleton applied. The inventory skeleton (and the client's "Create Inventory File" template)
// must be a valid `.vsphere-csi.yaml`.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLanguageService, type Finding, type ResolvedConfig } from '../../server/src/service/index.js';
import { LATEST_DRIVER_VERSION } from '../../server/src/service/config.js';
import { expandSnippet } from './expand.js';

const root = path.resolve(__dirname, '..', '..');
const INVENTORY_TEMPLATE = fs.readFileSync(path.join(root, 'client', 'src', 'inventory-template.yaml'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributions: Array<{ language: string; path: string }> = manifest.contributes.snippets;

interface SnippetDef {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const files = contributions.map((c) => ({
  ...c,
  snippets: JSON.parse(fs.readFileSync(path.join(root, c.path), 'utf8')) as Record<string, SnippetDef>,
}));
const all = files.flatMap((f) => Object.entries(f.snippets).map(([name, def]) => ({ name, def, language: f.language })));

const variables = { TM_FILENAME: 'storage.yaml', TM_FILENAME_BASE: 'storage', CURRENT_YEAR: '2026' };
const expanded = all.map(({ name, def }) => ({ name, text: expandSnippet(Array.isArray(def.body) ? def.body.join('\n') : def.body, { variables }) }));
const isInventory = (text: string) => /^driver:/m.test(text) && !/^apiVersion:/m.test(text);
const inventories = expanded.filter((s) => isInventory(s.text));
const manifests = expanded.filter((s) => !isInventory(s.text));

const service = createLanguageService();
const uriOf = (name: string) => `file:///ws/${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}.yaml`;
const loud = (findings: readonly Finding[]) =>
  findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} line ${f.range.start.line + 1}: ${f.message}`);

function parseInventory(text: string, uri = 'file:///ws/.vsphere-csi.yaml'): ResolvedConfig {
  const parsed = service.parseConfig(text, uri);
  expect(parsed.problems.map((p) => p.message)).toEqual([]);
  return parsed.config;
}

describe('snippet contributions', () => {
  it('are contributed for YAML from files that exist', () => {
    expect(contributions.length).toBeGreaterThan(0);
    for (const c of contributions) {
      expect(c.language).toBe('yaml');
      expect(fs.existsSync(path.join(root, c.path)), c.path).toBe(true);
    }
  });

  it('cover the kinds the issue asks for', () => {
    const kinds = manifests.map((s) => /^kind: (\S+)/m.exec(s.text)?.[1]);
    for (const kind of ['StorageClass', 'PersistentVolumeClaim', 'StatefulSet', 'VolumeSnapshotClass', 'VolumeSnapshot']) expect(kinds).toContain(kind);
    const text = manifests.map((s) => s.text).join('\n---\n');
    for (const needle of ['fstype: nfs4', 'fstype: ntfs', 'WaitForFirstConsumer', 'topology.csi.vmware.com/k8s-zone', '- ReadWriteMany', 'volumeMode: Block', 'kind: VolumeSnapshot\n', 'volumeClaimTemplates:']) {
      expect(text).toContain(needle);
    }
    expect(inventories).toHaveLength(1);
  });

  it('have a description and unique prefixes', () => {
    const prefixes = all.flatMap(({ def }) => (Array.isArray(def.prefix) ? def.prefix : [def.prefix]));
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const { name, def } of all) expect(def.description, name).toMatch(/\S/);
  });

  it.each(expanded.map((s) => [s.name, s.text]))('%s expands to YAML without leftover snippet syntax', (_name, text) => {
    expect(text).not.toMatch(/\$\{|\$[0-9]/);
    expect(service.parse({ uri: 'file:///ws/x.yaml', text }).syntaxProblems).toEqual([]);
  });
});

describe('expanded snippets lint clean', () => {
  const workspace = manifests.map((s) => ({ uri: uriOf(s.name), text: s.text }));

  it('with the default config (no .vsphere-csi.yaml)', () => {
    const results = service.lintFiles(workspace);
    for (const s of manifests) expect(loud(results.get(uriOf(s.name)) ?? []), s.name).toEqual([]);
  });

  it('with the inventory skeleton as .vsphere-csi.yaml', () => {
    const config = parseInventory(inventories[0]!.text);
    const results = service.lintFiles(workspace, { configFor: () => config });
    for (const s of manifests) expect(loud(results.get(uriOf(s.name)) ?? []), s.name).toEqual([]);
  });

  it.each(manifests.filter((s) => /^kind: (StorageClass|VolumeSnapshotClass)$/m.test(s.text)).map((s) => [s.name, s.text]))(
    '%s lints clean on its own',
    (name, text) => {
      const results = service.lintFiles([{ uri: uriOf(name), text }]);
      expect(loud(results.get(uriOf(name)) ?? [])).toEqual([]);
    },
  );

  it('the inventory skeleton is a valid .vsphere-csi.yaml', () => {
    const config = parseInventory(inventories[0]!.text);
    expect(config.driver.version).toBe(LATEST_DRIVER_VERSION);
    expect(config.storagePolicies).toContain('vSAN Default Storage Policy');
  });
});

describe('"Create Inventory File" template', () => {
  it('is a valid .vsphere-csi.yaml naming the driver release the rules encode', () => {
    const config = parseInventory(INVENTORY_TEMPLATE);
    expect(config.driver).toEqual({ version: LATEST_DRIVER_VERSION, flavor: 'vanilla' });
    // The inventory sections stay commented out: present-but-incomplete lists cause findings.
    expect(config.storagePolicies).toBeUndefined();
    expect(config.datastores).toBeUndefined();
  });

  it('turns into the same config with every section uncommented', () => {
    const uncommented = INVENTORY_TEMPLATE.split('\n')
      .map((line) => line.replace(/^# ([a-z][a-zA-Z]*:.*|  .*)$/, '$1'))
      .join('\n');
    const config = parseInventory(uncommented);
    expect(config.vsphere.version).toBe('8.0.2');
    expect(config.nodes.count).toBe(3);
  });
});

describe('snippet expansion (VS Code snippet syntax)', () => {
  it.each([
    ['plain $1 and $0', 'a $1 b $0', 'a  b '],
    ['placeholder default and mirror', '${1:web} and $1', 'web and web'],
    ['nested placeholder', '${1:a ${2:b} c} $2', 'a b c b'],
    ['choice takes the first option', '${1|ext4,xfs|}', 'ext4'],
    ['choice with escaped comma', '${1|a\\,b,c|}', 'a,b'],
    ['known variable', '$TM_FILENAME_BASE-${TM_FILENAME}', 'storage-storage.yaml'],
    ['unknown variable with default', '${NOPE:fallback}', 'fallback'],
    ['unknown variable without default', '$NOPE', 'NOPE'],
    ['variable transform', '${TM_FILENAME/(.*)\\.yaml/${1:/upcase}/}', 'STORAGE'],
    ['tab stop transform', '${1:my-class} ${1/-/_/g}', 'my-class my_class'],
    ['escapes', '\\$1 \\} \\\\', '$1 } \\'],
    ['lone dollar', 'cost: 5$', 'cost: 5$'],
  ])('%s', (_name, body, expected) => {
    expect(expandSnippet(body, { variables })).toBe(expected);
  });
});
