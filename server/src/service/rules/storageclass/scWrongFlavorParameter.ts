import type { DriverFlavor } from '../../config.js';
import { driver } from '../../knowledge/citations.js';
import { FLAVOR_COUNTERPARTS, FLAVOR_KEYS, FLAVOR_REJECTION, flavorsAccepting } from '../../knowledge/parameters.js';
import { renameKey } from '../../yaml/edits.js';
import type { Fix } from '../../types.js';
import type { Rule } from '../rule.js';
import { flavorLabel, flavorName, flavorOf, isCsiClass, parameterPairs } from './common.js';

function counterpartAdvice(flavor: DriverFlavor, lower: string): string {
  const counterpart = FLAVOR_COUNTERPARTS[flavor][lower];
  if (!counterpart) {
    return flavor === 'vanilla'
      ? ' On vanilla Kubernetes express it as an SPBM storage policy named in storagepolicyname.'
      : ' There the storage policy decides placement; remove the key.';
  }
  switch (counterpart) {
    case 'storagePolicyID':
      return ' Supervisor classes name the policy by its ID in storagePolicyID (usually the class is created for you when the policy is assigned to the namespace).';
    case 'svStorageClass':
      return ' Guest-cluster classes name a Supervisor StorageClass of the namespace in svStorageClass.';
    default:
      return ` Vanilla classes name the policy in ${counterpart}.`;
  }
}

export const scWrongFlavorParameter: Rule = {
  meta: {
    id: 'sc-wrong-flavor-parameter',
    defaultSeverity: 'error',
    category: 'StorageClass',
    description: 'A StorageClass parameter that belongs to another flavor of the vSphere CSI driver (vanilla, Supervisor, guest cluster).',
    why: 'Each flavor of the driver accepts its own parameter set and refuses the rest at provisioning time, so a class copied from vSphere with Tanzu documentation into a vanilla cluster (or the other way round) leaves every PVC Pending.',
    docs: [
      'The flavor comes from `driver.flavor` in `.vsphere-csi.yaml` (default `vanilla`).',
      '',
      '| key | flavor |',
      '| --- | --- |',
      '| `storagepolicyname`, `datastoreurl` | vanilla |',
      '| `storagePolicyID`, `storagepool`, `hostLocal`, `hostLocalPolicy`, `csi.vsphere.k8s.io/linked-clone` | Supervisor |',
      '| `svStorageClass` | guest cluster |',
      '| `storageTopologyType` | Supervisor and guest cluster |',
      '',
      '```yaml',
      '# vanilla cluster',
      'parameters:',
      '  storagePolicyID: "aa6d5a82-1c88-45da-85d3-3d74b91a5bad"   # wrong: Supervisor key',
      '  storagepolicyname: "vSAN Default Storage Policy"         # right',
      '```',
      '',
      '```yaml',
      '# guest cluster (driver.flavor: guest)',
      'parameters:',
      '  storagepolicyname: "gold"      # wrong: vanilla key',
      '  svStorageClass: "gold"         # right: a Supervisor StorageClass name',
      '```',
    ].join('\n'),
    citations: [
      driver('pkg/csi/service/common/util.go (ParseStorageClassParams)', 'v2.0.0 – v3.8.0-rc.1', 'vanilla accepts storagepolicyname, datastoreurl and fstype only.'),
      driver('pkg/csi/service/wcp/controller_helper.go (validateCreateBlockReqParam)', 'v3.8.0-rc.1', 'Supervisor keys: storagepolicyid, fstype, storagetopologytype, storagepool, hostlocal, linked-clone.'),
      driver('pkg/csi/service/wcpguest/controller_helper.go (validateGuestClusterCreateVolumeRequest)', 'v3.8.0-rc.1', 'guest keys: svstorageclass and storagetopologytype; the e2e suite expects "Volume parameter StoragePolicyName is not a valid GC CSI parameter".'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context)) return;
    const flavor = flavorOf(context);
    const parameters = parameterPairs(context);
    for (const { pair, key, lower } of parameters) {
      if (lower === 'fstype' || lower in FLAVOR_KEYS[flavor]) continue;
      const owners = flavorsAccepting(lower);
      if (owners.length === 0) continue;
      const ownerText = owners.map((owner) => flavorLabel(owner)).join(' and ');
      const counterpart = FLAVOR_COUNTERPARTS[flavor][lower];
      const suggestions: Fix[] = [];
      // Renaming only helps where the value means the same thing (a name for a name).
      const counterpartPresent = counterpart !== undefined && parameters.some((p) => p.lower === counterpart.toLowerCase());
      if (counterpart && !counterpartPresent && !(flavor === 'supervisor' || lower === 'storagepolicyid')) {
        const edit = renameKey(pair, counterpart);
        if (edit) suggestions.push({ title: `Rename to ${counterpart}`, edits: [edit] });
      }
      context.report({
        node: pair.key,
        message: `"${key}" is a parameter of the ${ownerText} driver, not of this ${flavorName(flavor)} cluster; ${FLAVOR_REJECTION[flavor]} and PVCs stay Pending.${counterpartAdvice(flavor, lower)}`,
        suggestions,
      });
    }
  },
};
