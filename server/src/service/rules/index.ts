// The rule registry. Rule groups are plain arrays exported by each folder; this module only
// assembles them, so adding a rule is one new file plus one line in its folder's index.
import type { ObjectKind } from '../parse.js';
import type { Rule, RuleMeta } from './rule.js';
import type { FragmentLanguage, FragmentLanguageSupport } from '../fragments/types.js';
import { storageClassRules } from './storageclass/index.js';
import { claimRules } from './claims/index.js';
import { workloadRules } from './workloads/index.js';
import { snapshotRules } from './snapshots/index.js';
import { driverObjectRules } from './driver/index.js';
import { schemaRule } from './schema.js';
import { yamlSyntax } from './files/yamlSyntax.js';
import { templateSkipped } from './files/templateSkipped.js';
import { unusedSuppression } from './files/unusedSuppression.js';
import { internalError } from './files/internalError.js';
import { configInvalid } from './files/configInvalid.js';

export interface RuleRegistry {
  /** Fragment languages (csi-vsphere.conf, VM settings, ESXi commands) with their rules. */
  fragmentSupports: ReadonlyMap<FragmentLanguage, FragmentLanguageSupport>;
  objectRules: readonly Rule[];
  fileRules: {
    yamlSyntax: RuleMeta;
    templateSkipped: RuleMeta;
    unusedSuppression: RuleMeta;
    internalError: RuleMeta;
    configInvalid: RuleMeta;
  };
  /** Every rule's metadata, sorted by id. */
  all: readonly RuleMeta[];
  rulesForKind(kind: ObjectKind): readonly Rule[];
  isKnownRule(id: string): boolean;
  meta(id: string): RuleMeta | undefined;
}

export function createRuleRegistry(fragmentSupports: ReadonlyMap<FragmentLanguage, FragmentLanguageSupport> = new Map()): RuleRegistry {
  const objectRules: Rule[] = [schemaRule, ...storageClassRules, ...claimRules, ...workloadRules, ...snapshotRules, ...driverObjectRules];
  const fileRules = { yamlSyntax, templateSkipped, unusedSuppression, internalError, configInvalid };
  const fragmentMetas = [...fragmentSupports.values()].flatMap((support) => [support.syntaxRule, ...support.rules.map((r) => r.meta)]);
  const all = [...objectRules.map((r) => r.meta), ...Object.values(fileRules), ...fragmentMetas].sort((a, b) => (a.id < b.id ? -1 : 1));
  const byId = new Map(all.map((meta) => [meta.id, meta] as const));
  if (byId.size !== all.length) throw new Error('Duplicate rule id in the registry');
  const byKind = new Map<ObjectKind, Rule[]>();
  for (const rule of objectRules) {
    for (const kind of rule.kinds) {
      const list = byKind.get(kind);
      if (list) list.push(rule);
      else byKind.set(kind, [rule]);
    }
  }
  return {
    fragmentSupports,
    objectRules,
    fileRules,
    all,
    rulesForKind: (kind) => byKind.get(kind) ?? [],
    isKnownRule: (id) => byId.has(id),
    meta: (id) => byId.get(id),
  };
}
