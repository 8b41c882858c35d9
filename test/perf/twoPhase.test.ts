// The CLI lints in two phases (service.lintLocal right after parsing, service.lintDeferred once the
// run's index exists) so that it can drop the YAML trees no cross-file rule needs. That must give
// exactly what one lint of everything gives: same findings, same order, same fixes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintDeferred, lintLocal, lintParsedFile } from '../../server/src/service/analyze.js';
import {
  createLanguageService,
  defaultConfig,
  definitionEntries,
  hasIndexDefinitions,
  mayDefineIndexDefinitions,
  type FileIndexEntries,
  type Finding,
  type LocalLint,
  type ParsedFile,
  type ResolvedConfig,
  type SourceFile,
  type WorkspaceIndex,
} from '../../server/src/service/index.js';
import { createRuleRegistry, type RuleRegistry } from '../../server/src/service/rules/index.js';
import { memoized, type Rule, type RuleMeta } from '../../server/src/service/rules/rule.js';
import { generatedCorpus, repositoryTrees, type Tree } from './helpers.js';

const service = createLanguageService();

function configOf(tree: Tree): ResolvedConfig {
  if (tree.config === undefined) return defaultConfig();
  return service.parseConfig(tree.config, 'file:///ws/.vsphere-csi.yaml').config;
}

/** One lint of every file against the index of all of them (what the language server does). */
function onePhase(files: readonly SourceFile[], config: ResolvedConfig): Map<string, Finding[]> {
  return service.lintFiles(files, { configFor: () => config });
}

/**
 * Two-phase ways. 'plain': phase 1 per file right after parsing, then phase 2 with the run's
 * index. 'definitions first': first the files that may define StorageClasses,
 * VolumeSnapshotClasses or the feature-state ConfigMap; then, with those parts of the index
 * built, their deferred runs again and the other files; then phase 2. 'scanned' (what the CLI
 * does): the definitions of every file from scanIndexDefinitions, then every file parsed and
 * linted in phase 1 with them, then phase 2.
 */
type Way = 'plain' | 'definitions first' | 'scanned';

function twoPhases(files: readonly SourceFile[], config: ResolvedConfig, way: Way): { results: Map<string, Finding[]>; kept: number; objects: number } {
  if (way === 'scanned') return scannedFirst(files, config);
  const definitionsFirst = way === 'definitions first';
  const entries: FileIndexEntries[] = [];
  let locals: LocalLint[] = [];
  let objects = 0;
  const first = definitionsFirst ? files.filter((f) => mayDefineIndexDefinitions(f.text)) : files;
  const rest = definitionsFirst ? files.filter((f) => !mayDefineIndexDefinitions(f.text)) : [];
  for (const file of first) {
    const parsed = service.parse(file);
    objects += parsed.objects.length;
    entries.push(service.extractIndexEntries(parsed));
    locals.push(service.lintLocal(parsed, config));
  }
  if (definitionsFirst) {
    const definitions = service.buildIndex(entries.filter(hasIndexDefinitions).map(definitionEntries));
    locals = locals.map((local) => service.advanceLint(local, config, definitions));
    for (const file of rest) {
      const parsed = service.parse(file);
      objects += parsed.objects.length;
      const fileEntries = service.extractIndexEntries(parsed);
      expect(hasIndexDefinitions(fileEntries), file.uri).toBe(false);
      entries.push(fileEntries);
      locals.push(service.lintLocal(parsed, config, undefined, definitions));
    }
  }
  const index = service.buildIndex(entries);
  const kept = new Set(locals.flatMap((l) => l.deferred.flatMap((run) => (run.object ? [run.object] : [])))).size;
  const results = new Map(locals.map((local) => [local.file.uri, service.lintDeferred(local, config, local.deferred.length ? index : undefined)] as const));
  return { results, kept, objects };
}

function scannedFirst(files: readonly SourceFile[], config: ResolvedConfig): { results: Map<string, Finding[]>; kept: number; objects: number } {
  const definitions = service.buildIndex(files.map((f) => service.scanIndexDefinitions(f)).filter(hasIndexDefinitions));
  const entries: FileIndexEntries[] = [];
  const locals: LocalLint[] = [];
  let objects = 0;
  for (const file of files) {
    const parsed = service.parse(file);
    objects += parsed.objects.length;
    const fileEntries = service.extractIndexEntries(parsed);
    expect(definitionEntries(service.scanIndexDefinitions(file)), file.uri).toEqual(definitionEntries(fileEntries));
    entries.push(fileEntries);
    locals.push(service.lintLocal(parsed, config, undefined, definitions));
  }
  const index = service.buildIndex(entries);
  const kept = new Set(locals.flatMap((l) => l.deferred.flatMap((run) => (run.object ? [run.object] : [])))).size;
  const results = new Map(locals.map((local) => [local.file.uri, service.lintDeferred(local, config, local.deferred.length ? index : undefined)] as const));
  return { results, kept, objects };
}

/** Ways to write the kinds and the name that make index definitions, some without the plain words. */
const SPELLINGS = [
  'apiVersion: storage.k8s.io/v1\nkind: "Storage\\x43lass"\nmetadata:\n  name: esc\nprovisioner: csi.vsphere.vmware.com\n',
  'apiVersion: storage.k8s.io/v1\nkind: "Storage\\u0043lass"\nmetadata: {name: uni, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}\nprovisioner: x\n',
  'apiVersion: storage.k8s.io/v1\nkind: "Storage\\\n  Class"\nmetadata:\n  name: folded\n',
  'apiVersion: storage.k8s.io/v1\nkind: \'StorageClass\'\nmetadata:\n  name: quoted\n', 'apiVersion: storage.k8s.io/v1\nkind: >-\n  StorageClass\nmetadata:\n  name: block\n',
  '{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: flow}}\n',
  'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: listed}}\n',
  'apiVersion: snapshot.storage.k8s.io/v1\nkind: "VolumeSnapshot\\x43lass"\nmetadata:\n  name: vsc\ndriver: csi.vsphere.vmware.com\ndeletionPolicy: Delete\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "internal-feature-states.csi.vsphere.vmware\\x2ecom"\ndata:\n  high-pv-node-density: "true"\n',
  'apiVersion: v1\nkind: Storage Class\n', 'kind: storageclass\n',
];

describe('the first round of the CLI (files that may define StorageClasses and the like)', () => {
  it('leaves out no file that defines any', () => {
    const spelled = fc.array(fc.constantFrom('---\n', 'a: b\n', '# StorageClass\n', ...SPELLINGS), { maxLength: 6 }).map((parts) => parts.join(''));
    let defining = 0;
    fc.assert(
      fc.property(spelled, (text) => {
        const entries = service.extractIndexEntries(service.parse({ uri: 'file:///ws/x.yaml', text }));
        if (hasIndexDefinitions(entries)) {
          defining++;
          expect(mayDefineIndexDefinitions(text)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    expect(defining).toBeGreaterThan(50);
    expect(mayDefineIndexDefinitions('kind: PersistentVolumeClaim\nspec:\n  storageClassName: gold\n')).toBe(false);
  });

  it('scanIndexDefinitions finds the definitions of a whole parse, parsing only some documents', () => {
    const pieces = fc.constantFrom('---\n', '--- # c\n', 'a: b\n', '# StorageClass\n', '...\n', 'x: [\n', 'y: "\\x41\n', '%YAML 1.1\n', '&a k: 1\n', '<<: *a\n', '{{ .Values.x }}\n', ...SPELLINGS);
    const spelled = fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join(''));
    const uri = fc.constantFrom('file:///ws/x.yaml', 'file:///ws/x.yml', 'file:///ws/x.conf', 'file:///ws/x.sh', 'file:///ws/noext');
    let defining = 0;
    fc.assert(
      fc.property(spelled, uri, (text, fileUri) => {
        const file = { uri: fileUri, text };
        const full = definitionEntries(service.extractIndexEntries(service.parse(file)));
        if (hasIndexDefinitions(full)) defining++;
        expect(definitionEntries(service.scanIndexDefinitions(file))).toEqual(full);
      }),
      { numRuns: 1000 },
    );
    expect(defining).toBeGreaterThan(50);
  });
});

describe('two-phase linting gives the findings of a single lint', () => {
  const trees = [...repositoryTrees(), generatedCorpus(120, '7'), generatedCorpus(60, 'perf')];
  const ways: Way[] = ['plain', 'definitions first', 'scanned'];
  it.each(trees.flatMap((t) => ways.map((way) => [`${t.name}, ${way}`, t, way] as const)))('%s', (_name, tree, way) => {
    const config = configOf(tree);
    const expected = onePhase(tree.files, config);
    const { results, kept, objects } = twoPhases(tree.files, config, way);
    expect([...results.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [uri, findings] of expected) expect(results.get(uri), uri).toEqual(findings);
    // Something was linted, and not every object had to wait for the index.
    expect(objects).toBeGreaterThan(0);
    expect(kept).toBeLessThan(objects);
  });

  it('on generated YAML, broken or not, several files sharing one index', () => {
    const pieces = [
      '---\n', '\n', '# comment\n', 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\n', 'apiVersion: v1\nkind: PersistentVolumeClaim\n',
      'apiVersion: apps/v1\nkind: StatefulSet\n', 'apiVersion: apps/v1\nkind: Deployment\n', 'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshot\n',
      'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\n', 'apiVersion: v1\nkind: ConfigMap\n',
      'metadata:\n  name: gold\n', 'metadata:\n  name: data\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\n',
      'metadata:\n  name: internal-feature-states.csi.vsphere.vmware.com\n', 'provisioner: csi.vsphere.vmware.com\n', 'provisioner: csi.vsphere.vmare.com\n',
      'driver: csi.vsphere.vmware.com\n', 'deletionPolicy: Delete\n', 'parameters:\n  storagePolicy: Gold\n  csi.storage.k8s.io/fstype: xfs\n',
      'spec:\n  storageClassName: gold\n  accessModes: [ReadWriteMany]\n  volumeMode: Block\n  resources:\n    requests:\n      storage: 5G\n',
      'spec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n',
      'spec:\n  dataSource:\n    kind: VolumeSnapshot\n    name: snap\n    apiGroup: snapshot.storage.k8s.io\n',
      'spec:\n  source:\n    persistentVolumeClaimName: data\n',
      'spec:\n  replicas: 3\n  volumeClaimTemplates:\n  - metadata:\n      name: www\n    spec:\n      storageClassName: gold\n      accessModes: [ReadWriteOnce]\n',
      '  template:\n    spec:\n      volumes:\n      - name: v\n        persistentVolumeClaim:\n          claimName: data\n      - name: e\n        ephemeral:\n          volumeClaimTemplate:\n            spec:\n              accessModes: [ReadWriteOnce]\n',
      'data:\n  high-pv-node-density: "true"\n', '# vsphere-csi-lint-disable-next-line sc-unknown-parameter -- reason\n',
      '# vsphere-csi-lint-disable-next-line pvc-storage-class-not-found\n', '# vsphere-csi-lint-disable\n', '# vsphere-csi-lint-enable\n',
      'a: [\n', 'b: "x\n', '&a x: 1\n', '<<: *a\n', 'kind: List\nitems:\n', '{{ .Values.x }}\n', '%YAML 1.1\n',
      ...SPELLINGS,
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 25 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (texts) => {
        const files = texts.map((t, i) => ({ uri: `file:///ws/f${i}.yaml`, text: t }));
        const config = defaultConfig();
        const expected = onePhase(files, config);
        for (const way of ways) {
          const { results } = twoPhases(files, config, way);
          for (const [uri, findings] of expected) expect(results.get(uri)).toEqual(findings);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the deferral mechanism', () => {
  const meta = (id: string): RuleMeta => ({ id, defaultSeverity: 'warning', description: id, why: id, docs: '', citations: [], fixable: false, category: 'StorageClass' });
  const SHARED = Symbol('shared');
  const WITH_INDEX = Symbol('with index');
  const calls = { shared: 0 };
  const name = (context: { object: { name: string | undefined } }) => context.object.name ?? '';
  const rules: Rule[] = [
    // Touches the index only for some objects.
    { meta: meta('t-sometimes'), kinds: ['StorageClass'], check: (c) => { c.report({ message: `local ${name(c)}` }); if (name(c).startsWith('x')) c.report({ message: `classes ${c.index.storageClassNames.length}` }); } },
    // Fails on one object before touching anything: later objects are skipped, in both ways.
    { meta: meta('t-fails'), kinds: ['StorageClass'], check: (c) => { if (name(c) === 'boom') throw new Error('boom'); c.report({ message: `ok ${name(c)}` }); } },
    // Needs the index, and fails on one object after reading it: phase 2 must skip the later ones.
    { meta: meta('t-index-fails'), kinds: ['StorageClass'], check: (c) => { const n = c.index.storageClassNames.length; if (name(c) === 'x-late') throw new Error('late'); c.report({ message: `n ${n} ${name(c)}` }); } },
    // Swallows the stand-in index's refusal: still deferred.
    { meta: meta('t-swallows'), kinds: ['StorageClass'], check: (c) => { let n = -1; try { n = c.index.defaultStorageClasses.length; } catch { /* ignored */ } c.report({ message: `defaults ${n}` }); } },
    // Shares a value through the memo.
    { meta: meta('t-memo-a'), kinds: ['StorageClass'], check: (c) => { c.report({ message: `memo ${memoized(c, SHARED, () => (++calls.shared, name(c)))}` }); } },
    // A memoized value that needs the index: the second rule gets the first one's outcome, and is deferred too even though it swallows it.
    { meta: meta('t-memo-index-a'), kinds: ['StorageClass'], check: (c) => { c.report({ message: `classes ${memoized(c, WITH_INDEX, () => c.index.storageClassNames.join())}` }); } },
    { meta: meta('t-memo-index-b'), kinds: ['StorageClass'], check: (c) => { let v = 'none'; try { v = memoized(c, WITH_INDEX, () => c.index.storageClassNames.join()); } catch { /* ignored */ } c.report({ message: `classes ${v}` }); } },
    { meta: meta('t-memo-b'), kinds: ['StorageClass'], check: (c) => { c.report({ message: `memo ${memoized(c, SHARED, () => (++calls.shared, name(c)))}` }); } },
  ];
  const base = createRuleRegistry();
  const registry: RuleRegistry = {
    ...base,
    objectRules: rules,
    rulesForKind: (kind) => rules.filter((r) => r.kinds.includes(kind)),
    isKnownRule: (id) => base.isKnownRule(id) || rules.some((r) => r.meta.id === id),
    meta: (id) => base.meta(id) ?? rules.find((r) => r.meta.id === id)?.meta,
  };
  const sc = (n: string) => `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${n}\nprovisioner: csi.vsphere.vmware.com\n`;

  function both(text: string) {
    const file: ParsedFile = service.parse({ uri: 'file:///ws/a.yaml', text });
    const index: WorkspaceIndex = service.buildIndex([service.extractIndexEntries(file)]);
    const config = defaultConfig();
    const errors: string[][] = [[], []];
    calls.shared = 0;
    const expected = lintParsedFile(file, registry, { config, index, onRuleError: (id) => errors[0]!.push(id) });
    const sharedOnce = calls.shared;
    const local = lintLocal(file, registry, { config, onRuleError: (id) => errors[1]!.push(id) });
    const actual = lintDeferred(local, registry, { config, index, onRuleError: (id) => errors[1]!.push(id) });
    return { expected, actual, errors, local, sharedOnce };
  }

  it('defers exactly the runs that need the index and keeps lintParsedFile’s results', () => {
    const text = ['a', 'x-1', 'boom', 'b', 'x-late', 'x-2', 'c'].map(sc).join('---\n');
    const { expected, actual, errors, local, sharedOnce } = both(text);
    expect(actual).toEqual(expected);
    expect(errors[1]).toEqual(errors[0]);
    expect(errors[0]).toEqual(['t-fails', 't-index-fails']);
    expect(expected.some((f) => f.ruleId === 'internal-error')).toBe(true);
    // Memo: one computation per object for the two rules.
    expect(sharedOnce).toBe(7);
    // t-sometimes waits from "x-1" on; t-index-fails and t-swallows from the first object.
    const deferred = local.deferred.map((run) => `${run.rule.meta.id}:${run.object?.name}`);
    expect(deferred.filter((d) => d.startsWith('t-sometimes:'))).toEqual(['t-sometimes:x-1', 't-sometimes:boom', 't-sometimes:b', 't-sometimes:x-late', 't-sometimes:x-2', 't-sometimes:c']);
    expect(deferred.filter((d) => d.startsWith('t-index-fails:'))).toHaveLength(7);
    expect(deferred.some((d) => d.startsWith('t-fails:') || d.startsWith('t-memo-a') || d.startsWith('t-memo-b'))).toBe(false);
    expect(deferred.filter((d) => d.startsWith('t-memo-index-b:'))).toHaveLength(7);
    expect(actual.filter((f) => f.ruleId === 't-memo-index-b').map((f) => f.message)).toContain('classes a,b,boom,c,x-1,x-2,x-late');
  });

  it('drops the documents between the phases', () => {
    const { expected, actual, local } = both(['a', 'b'].map(sc).join('---\n'));
    expect(actual).toEqual(expected);
    expect(() => local.file.docs).toThrow(/not kept/);
    expect(() => local.file.objects).toThrow(/not kept/);
  });
});
