import { driver } from '../../knowledge/citations.js';
import {
  BLOG_TOPOLOGY_PREFIX,
  CSI_TOPOLOGY_PREFIX,
  HOSTNAME_TOPOLOGY_KEY,
  LEGACY_TOPOLOGY_KEYS,
  MAPPED_TOPOLOGY_KEYS,
  categoryKeys,
} from '../../knowledge/topologyKeys.js';
import { valueSuggestions } from '../helpers.js';
import type { Fix, RelatedLocation } from '../../types.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import type { Node } from 'yaml';
import type { Rule } from '../rule.js';
import { flavorOf, isCsiClass } from './common.js';
import { allowedTopologyTerms } from './topology.js';

const NO_NODE = 'no node matches allowedTopologies, so pods using the class cannot be scheduled (WaitForFirstConsumer) or provisioning fails (Immediate) and PVCs stay Pending';

function valueSuggestionsFor(node: Node, candidates: readonly string[]): Fix[] {
  return candidates.flatMap((candidate) => {
    const edit = replaceScalarValue(node, candidate);
    return edit ? [{ title: `Change to "${candidate}"`, edits: [edit] }] : [];
  });
}

export const scTopologyKey: Rule = {
  meta: {
    id: 'sc-topology-key',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: 'An `allowedTopologies` label key of a vSphere CSI StorageClass that the driver never puts on nodes.',
    why: 'allowedTopologies only works with the exact label keys the driver sets on nodes from vSphere tags. Any other key matches no node, so pods using the class are never scheduled (or the volume is never created) and their PVCs stay Pending.',
    docs: [
      'On vanilla clusters the driver labels nodes from csi-vsphere.conf:',
      '',
      '- `[Labels] topology-categories = "k8s-region,k8s-zone"` gives `topology.csi.vmware.com/<category>` (e.g. `topology.csi.vmware.com/k8s-zone`). When `.vsphere-csi.yaml` lists `topology.categories`, or a csi-vsphere.conf linted in the same run (a file, or the Secret vsphere-config-secret) declares `topology-categories`, the category must be one of them.',
      '- the legacy `[Labels] zone = ...` and `region = ...` give `failure-domain.beta.kubernetes.io/zone` and `/region`;',
      '- `topology.kubernetes.io/zone` and `/region` appear only when a `[TopologyCategory "<category>"]` section maps a category to them (`label = "topology.kubernetes.io/zone"`), so they are reported as a warning.',
      '',
      'Keys from blog posts such as `topology.csi.vsphere.volume/zone`, and `kubernetes.io/hostname`, are never topology segments of the vanilla driver.',
      '',
      '```yaml',
      'allowedTopologies:',
      '  - matchLabelExpressions:',
      '      - key: topology.csi.vsphere.volume/zone      # wrong: the driver never sets it',
      '        values: [zone-a]',
      '      - key: topology.csi.vmware.com/k8s-zone      # right',
      '        values: [zone-a]',
      '```',
      '',
      'With `driver.flavor: supervisor` or `guest` only the blog-era keys are reported: those clusters label nodes with `topology.kubernetes.io/zone` (and host keys of their own).',
    ].join('\n'),
    citations: [
      driver('pkg/syncer/cnsoperator/controller/csinodetopology/csinodetopology_controller.go (getNodeTopologyInfo)', 'v2.4.0 – v3.8.0-rc.1', 'node labels are topology.csi.vmware.com/<category> with topology-categories, else failure-domain.beta.kubernetes.io/zone|region or the label a [TopologyCategory] section sets.'),
      driver('pkg/csi/service/common/commonco/k8sorchestrator/topology.go (getTopologySegmentsWithMatchingNodes)', 'v2.4.0 – v3.8.0-rc.1', 'topology segments are matched label for label against node labels.'),
      driver('example/vanilla-k8s-RWO-filesystem-volumes/example-sc-multiple-zones.yaml', 'v2.4.0 – v3.8.0-rc.1', 'the project examples use topology.csi.vmware.com/k8s-zone and k8s-region.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context)) return;
    const vanilla = flavorOf(context) === 'vanilla';
    const terms = allowedTopologyTerms(context);
    if (terms.length === 0) return;
    // Categories come from .vsphere-csi.yaml and from csi-vsphere.conf files of the run (either may be absent).
    const fromConfig = context.config.topology?.categories;
    const declared = context.index.topologyCategories;
    const fromConf = [...new Set(declared.flatMap((entry) => entry.categories))];
    const configured = fromConfig || fromConf.length > 0 ? [...new Set([...(fromConfig ?? []), ...fromConf])] : undefined;
    const sources = [
      ...(fromConfig ? ['topology.categories in .vsphere-csi.yaml'] : []),
      ...(fromConf.length > 0 ? ['[Labels] topology-categories in csi-vsphere.conf'] : []),
    ].join(' and ');
    const related: RelatedLocation[] = declared.map((entry) => ({ uri: entry.location.uri, range: entry.location.range, message: `csi-vsphere.conf declares topology-categories ${entry.categories.join(', ')}` }));
    const knownKeys = [
      ...(configured ? categoryKeys(configured) : categoryKeys(['k8s-zone', 'k8s-region'])),
      ...LEGACY_TOPOLOGY_KEYS,
      ...MAPPED_TOPOLOGY_KEYS,
    ];
    for (const term of terms) {
      for (const { key, keyNode } of term.expressions) {
        if (key === undefined || !keyNode) continue;
        if (key.startsWith(BLOG_TOPOLOGY_PREFIX)) {
          context.report({
            node: keyNode,
            message: `"${key}" comes from early blog posts and design notes; the vSphere CSI driver never puts this label on nodes, so ${NO_NODE}. Use topology.csi.vmware.com/<category> with a category from csi-vsphere.conf.`,
            // Not a typo of one of them: offer each configured category.
            suggestions: vanilla && configured ? valueSuggestionsFor(keyNode, categoryKeys(configured)) : [],
          });
          continue;
        }
        if (!vanilla) continue;
        if (LEGACY_TOPOLOGY_KEYS.includes(key)) continue;
        if (key.startsWith(CSI_TOPOLOGY_PREFIX)) {
          const category = key.slice(CSI_TOPOLOGY_PREFIX.length);
          if (category === '') {
            context.report({ node: keyNode, message: `"${key}" names no tag category, so ${NO_NODE}. Use topology.csi.vmware.com/<category>, e.g. topology.csi.vmware.com/k8s-zone.` });
          } else if (configured && !configured.includes(category)) {
            const suggestions = valueSuggestions(keyNode, key, categoryKeys(configured), { ignoreCase: true });
            const hint = suggestions.length ? ` Did you mean "${suggestions[0]!.title.replace(/^Change to "|"$/g, '')}"?` : '';
            context.report({
              node: keyNode,
              message: `Category "${category}" is not among ${sources} (${configured.join(', ') || 'none'}); nodes carry no such label, so ${NO_NODE}.${hint}`,
              suggestions,
              ...(related.length ? { related } : {}),
            });
          }
          continue;
        }
        if (MAPPED_TOPOLOGY_KEYS.includes(key)) {
          context.report({
            node: keyNode,
            severity: 'warning',
            message: `"${key}" only works when csi-vsphere.conf maps a tag category to this label ([TopologyCategory "<category>"] label = "${key}"); otherwise ${NO_NODE}.`,
          });
          continue;
        }
        if (key === HOSTNAME_TOPOLOGY_KEY) {
          context.report({
            node: keyNode,
            message: `"${key}" is not a topology key of the vanilla vSphere CSI driver: it matches requirements only against its own tag-category labels (zones, regions), so a requirement on host names finds no matching datastore, provisioning fails and PVCs stay Pending.`,
          });
          continue;
        }
        const suggestions = valueSuggestions(keyNode, key, knownKeys, { ignoreCase: true });
        const hint = suggestions.length ? ` Did you mean "${suggestions[0]!.title.replace(/^Change to "|"$/g, '')}"?` : '';
        context.report({
          node: keyNode,
          message: `"${key}" is not a label the vSphere CSI driver puts on nodes (topology.csi.vmware.com/<category>, or failure-domain.beta.kubernetes.io/zone|region), so ${NO_NODE}.${hint}`,
          suggestions,
        });
      }
    }
  },
};
