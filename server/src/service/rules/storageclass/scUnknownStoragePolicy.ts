import { driver, note, notes } from '../../knowledge/citations.js';
import { closestMatches } from '../../util/similarity.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import type { Fix } from '../../types.js';
import type { Rule } from '../rule.js';
import { flavorOf, isCsiClass, isInTreeClass, parameterPairs } from './common.js';

function normalise(name: string): string {
  return name.trim().toLowerCase();
}

export const scUnknownStoragePolicy: Rule = {
  meta: {
    id: 'sc-unknown-storage-policy',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: '`storagepolicyname` names an SPBM storage policy that is not in the inventory of `.vsphere-csi.yaml` (`storagePolicies`).',
    why: 'The driver looks the policy up in vCenter by its exact name at provisioning time. A name that does not exist there, even one that differs only in letter case or a trailing space, fails every CreateVolume ("no pbm profile found with name ...") and PVCs stay Pending.',
    docs: [
      'The rule only runs when `storagePolicies` lists the policies of your vCenter; without that list it stays silent.',
      '',
      '```yaml',
      '# .vsphere-csi.yaml',
      'storagePolicies: ["vSAN Default Storage Policy", "Gold"]',
      '```',
      '',
      '```yaml',
      'parameters:',
      '  storagepolicyname: "gold"     # wrong: the policy is called "Gold"',
      '  storagepolicyname: "Gold "    # wrong: trailing space',
      '  storagepolicyname: "Gold"     # right',
      '```',
      '',
      'A StorageClass is essentially a Kubernetes name for a vSphere storage policy, as the notes put it; the driver only adds that the name has to match vCenter exactly. Classes of the in-tree provisioner are checked too, because since CSI migration the same driver resolves their policy.',
    ].join('\n'),
    citations: [
      note(notes.csiDriverPost, 'a StorageClass maps a vSphere storage policy to a Kubernetes object.'),
      driver('pkg/csi/service/vanilla/controller.go (createBlockVolumeWithPlacementEngineForMultiVC) and pkg/common/cns-lib/vsphere/pbm.go (GetStoragePolicyIDByName)', 'v2.0.0 – v3.8.0-rc.1', 'a non-empty storagepolicyname is resolved to a policy ID by name; a missing policy fails the request.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    const policies = context.config.storagePolicies;
    if (!policies) return;
    if (!(isInTreeClass(context) || (isCsiClass(context) && flavorOf(context) === 'vanilla'))) return;
    for (const parameter of parameterPairs(context)) {
      const { lower, value, valueNode } = parameter;
      if (lower !== 'storagepolicyname' || value === undefined || value === '' || !valueNode || policies.includes(value)) continue;
      const equivalent = policies.find((p) => normalise(p) === normalise(value));
      const candidates = [...(equivalent ? [equivalent] : []), ...closestMatches(value, policies, { ignoreCase: true }).filter((p) => p !== equivalent)];
      const suggestions: Fix[] = candidates.flatMap((candidate) => {
        const edit = replaceScalarValue(valueNode, candidate);
        return edit ? [{ title: `Change to "${candidate}"`, edits: [edit] }] : [];
      });
      let detail: string;
      if (equivalent) {
        const caseOnly = equivalent.trim() === equivalent && value.trim() === value;
        const spaceOnly = equivalent.trim() === value.trim();
        const what = spaceOnly ? 'only in surrounding spaces' : caseOnly ? 'only in letter case' : 'only in letter case and surrounding spaces';
        detail = ` It differs from the existing policy "${equivalent}" ${what}, but vCenter matches names exactly.`;
      } else {
        detail = candidates.length ? ` Did you mean "${candidates[0]}"?` : '';
      }
      context.report({
        node: valueNode,
        message: `Storage policy "${value}" is not in storagePolicies of .vsphere-csi.yaml; if vCenter has no policy of exactly this name, provisioning fails ("no pbm profile found") and PVCs stay Pending.${detail}`,
        suggestions,
      });
    }
  },
};
