import { driver, kubernetes } from '../../knowledge/citations.js';
import type { Rule } from '../rule.js';
import { isInTreeClass, parameterPairs } from './common.js';
import { inTreePairs } from './inTree.js';

export const scInTreeVsanParameter: Rule = {
  meta: {
    id: 'sc-in-tree-vsan-parameter',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: 'An in-tree vSphere StorageClass sets a raw vSAN capability (`hostFailuresToTolerate`, `forceProvisioning`, `cacheReservation`, `diskStripes`, `objectSpaceReservation`, `iopsLimit`).',
    why: 'In-tree vSphere volumes are now provisioned by the CSI driver through CSI migration. The translation passes raw vSAN capabilities on as `*-migrationparam` keys and the driver refuses them ("vSphere CSI driver does not support creating volume using in-tree vSphere volume plugin parameter ..."), so every PVC of the class stays Pending.',
    docs: [
      'Create an SPBM storage policy in vCenter with the same vSAN rules (failures to tolerate, stripes, object space reservation, ...) and name it in `storagepolicyname`; better still, move the class to `csi.vsphere.vmware.com` (see `sc-in-tree-provisioner`).',
      '',
      '```yaml',
      'provisioner: kubernetes.io/vsphere-volume',
      'parameters:',
      '  hostFailuresToTolerate: "2"             # wrong: refused after migration',
      '  storagepolicyname: "vSAN FTT=2"          # right: a policy with the same rules',
      '```',
    ].join('\n'),
    citations: [
      kubernetes('kubernetes/kubernetes', 'staging/src/k8s.io/csi-translation-lib/plugins/vsphere_volume.go (TranslateInTreeStorageClassToCSI)', 'vSAN capability keys become <key>-migrationparam.'),
      driver('pkg/csi/service/common/util.go (ParseStorageClassParams)', 'v3.0.0 – v3.8.0-rc.1', 'any raw vSAN *-migrationparam key fails the request.'),
    ],
    fixable: false,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isInTreeClass(context)) return;
    for (const { pair, key } of inTreePairs(parameterPairs(context), 'vsan')) {
      context.report({
        node: pair.key,
        message: `"${key}" is a raw vSAN capability of the in-tree plugin; since CSI migration the vSphere CSI driver provisions this class and refuses it, so PVCs stay Pending. Put the rule into an SPBM storage policy and name it in storagepolicyname.`,
      });
    }
  },
};
