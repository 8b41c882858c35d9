import { driver } from '../../knowledge/citations.js';
import { removePair } from '../../yaml/edits.js';
import type { Rule } from '../rule.js';
import { flavorOf, isCsiClass, parameterPairs, parametersMap, valueOrKey } from './common.js';

/** Vanilla keys whose empty value the driver treats exactly like an absent key. */
const IGNORED_WHEN_EMPTY = ['storagepolicyname', 'datastoreurl'];

export const scEmptyParameter: Rule = {
  meta: {
    id: 'sc-empty-parameter',
    defaultSeverity: 'warning',
    category: 'StorageClass',
    description: '`storagepolicyname` or `datastoreurl` is empty (vanilla), or `svStorageClass` is empty (guest cluster).',
    why: 'On vanilla clusters the driver skips an empty `storagepolicyname` or `datastoreurl` as if it were not there: volumes land on any datastore shared by all nodes, under that datastore\'s default policy, which is rarely what an empty placeholder was meant to become. A guest-cluster driver refuses an empty `svStorageClass` outright and PVCs stay Pending.',
    docs: [
      '```yaml',
      'parameters:',
      '  storagepolicyname: ""                               # wrong: same as not set',
      '  storagepolicyname: "vSAN Default Storage Policy"    # right',
      '```',
      '',
      'If no policy is intended, remove the key (suggestion). With `driver.flavor: guest` an empty `svStorageClass` is an error ("volume parameter svstorageclass is not set").',
    ].join('\n'),
    citations: [
      driver('pkg/csi/service/vanilla/controller.go (createBlockVolumeWithPlacementEngineForMultiVC)', 'v3.0.0 – v3.8.0-rc.1', 'the policy is only looked up when storagepolicyname is non-empty; an empty datastoreurl selects no datastore.'),
      driver('pkg/csi/service/wcpguest/controller_helper.go (validateGuestClusterCreateVolumeRequest)', 'v2.0.0 – v3.8.0-rc.1', 'an empty svstorageclass fails the request.'),
    ],
    fixable: false,
    hasSuggestions: true,
  },
  kinds: ['StorageClass'],
  check(context) {
    if (!isCsiClass(context)) return;
    const flavor = flavorOf(context);
    const map = parametersMap(context);
    for (const parameter of parameterPairs(context)) {
      const { pair, key, lower, value } = parameter;
      if (value !== '') continue;
      if (flavor === 'guest' && lower === 'svstorageclass') {
        context.report({
          node: valueOrKey(parameter),
          severity: 'error',
          message: `"${key}" is empty; the guest-cluster driver refuses the request ("volume parameter svstorageclass is not set") and PVCs stay Pending. Name a Supervisor StorageClass of the namespace.`,
        });
        continue;
      }
      if (flavor !== 'vanilla' || !IGNORED_WHEN_EMPTY.includes(lower)) continue;
      const removal = map && removePair(context.file.text, map, pair);
      context.report({
        node: valueOrKey(parameter),
        message:
          lower === 'storagepolicyname'
            ? `"${key}" is empty, which the driver treats as not set: volumes get no storage policy and land on any datastore shared by all nodes. Name a policy or remove the key.`
            : `"${key}" is empty, which the driver treats as not set: volumes land on any datastore shared by all nodes. Give a datastore URL or remove the key.`,
        ...(removal ? { suggestions: [{ title: `Remove ${key}`, edits: [removal] }] } : {}),
      });
    }
  },
};
