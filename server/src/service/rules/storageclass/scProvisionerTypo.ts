import { driver, kubernetes } from '../../knowledge/citations.js';
import { PRE_GA_DRIVER_NAME, PRE_GA_DRIVER_PARAMETERS, VSPHERE_PROVISIONERS } from '../../knowledge/storageClassProvisioners.js';
import { editDistance, sameWordsReordered } from '../../util/similarity.js';
import { getNode } from '../../yaml/ast.js';
import { replaceScalarValue } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';
import { parameterPairs, provisionerOf } from './common.js';

/** Most edits a provisioner may be away from a vSphere name to count as a typo of it. */
const MAX_TYPO_DISTANCE = 3;

/** The vSphere provisioner `value` is most likely a mistyping of, if any. */
export function intendedProvisioner(value: string): string | undefined {
  if (VSPHERE_PROVISIONERS.includes(value)) return undefined;
  const normalised = value.trim().toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of VSPHERE_PROVISIONERS) {
    const distance = normalised === name ? 0 : sameWordsReordered(value, name) ? 1 : editDistance(normalised, name);
    if (distance <= MAX_TYPO_DISTANCE && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

export const scProvisionerTypo: Rule = {
  meta: {
    id: 'sc-provisioner-typo',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: '`provisioner` is a near miss of `csi.vsphere.vmware.com` or `kubernetes.io/vsphere-volume`.',
    why: 'Kubernetes hands a PVC to the provisioner whose name equals the class\'s `provisioner` exactly. A misspelt name (other letter case, swapped words, a wrong top-level domain) matches no running provisioner, so the class is accepted but its PVCs stay Pending forever ("waiting for a volume to be created, either by external provisioner ... or manually").',
    docs: [
      '```yaml',
      'provisioner: vsphere.csi.vmware.com   # wrong: words swapped',
      'provisioner: csi.vsphere.vmware.corn  # wrong: typo',
      'provisioner: CSI.vsphere.vmware.com   # wrong: names are case-sensitive',
      'provisioner: csi.vsphere.vmware.com   # right',
      '```',
      '',
      '`vsphere.csi.vmware.com` was the name of pre-1.0 builds of the driver (2019) and is still used by a few third-party forks; a class that uses those forks\' `parent_type`/`parent_name` parameters is left alone.',
      'Provisioners of other drivers (`ebs.csi.aws.com`, `nfs.csi.k8s.io`, `kubernetes.io/no-provisioner`, ...) are never reported.',
    ].join('\n'),
    citations: [
      driver('pkg/csi/types/constants.go (Name)', 'v1.0.0 – v3.8.0-rc.1', 'the driver registers as csi.vsphere.vmware.com; the in-tree plugin name is kubernetes.io/vsphere-volume.'),
      kubernetes('kubernetes-csi/external-provisioner', 'pkg/controller/controller.go', 'a provisioner only handles claims whose class names it exactly.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    const value = provisionerOf(context);
    if (value === undefined) return;
    const intended = intendedProvisioner(value);
    if (!intended) return;
    if (value === PRE_GA_DRIVER_NAME && parameterPairs(context).some((p) => PRE_GA_DRIVER_PARAMETERS.includes(p.lower))) return;
    const node = getNode(context.object.node, ['provisioner'], context.doc);
    const edit = node && replaceScalarValue(node, intended);
    const history = value === PRE_GA_DRIVER_NAME ? ` (${PRE_GA_DRIVER_NAME} was the name of pre-1.0 driver builds; the driver has registered as ${intended} since v1.0)` : '';
    context.report({
      node,
      message: `Provisioner "${value}" is not "${intended}"${history}; no provisioner handles this class, so its PVCs stay Pending. Did you mean "${intended}"?`,
      suggestions: edit ? [{ title: `Change to "${intended}"`, edits: [edit] }] : [],
    });
  },
};
