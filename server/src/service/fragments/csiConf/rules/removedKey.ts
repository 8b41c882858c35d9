import { driver } from '../../../knowledge/citations.js';
import { atLeast } from '../../../util/version.js';
import { citations, removedKey } from '../knowledge.js';
import { headerLabel, isEffective } from '../model.js';
import { meta, report, type CsiConfRule } from '../report.js';

export const csiConfRemovedKey: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-removed-key',
    defaultSeverity: 'warning',
    description: 'A csi-vsphere.conf key older driver releases read and newer ones ignore: `targetvSANFileShareDatastoreURLs` (until v3.1) and `vc-client-timeout` (until v3.3.0).',
    why: 'Old documentation and blog posts still show these keys. From the release that removed them gcfg drops them silently, so the restriction or timeout they configured no longer applies after an upgrade.',
    docs: [
      '- `[VirtualCenter] targetvSANFileShareDatastoreURLs` (file volumes on chosen vSAN datastores): ignored from v3.2.0. Use `targetvSANFileShareClusters` (cluster ids) or a storage policy in the StorageClass.',
      '- `[Global] vc-client-timeout` (minutes per vCenter request): ignored from v3.3.1.',
      '',
      'The rule uses `driver.version` from `.vsphere-csi.yaml` (default: the latest GA release); with an older driver the keys are still read and nothing is reported.',
    ],
    citations: [
      driver('pkg/common/config/types.go (VirtualCenterConfig.TargetvSANFileShareDatastoreURLs)', 'v2.0.0 – v3.1.x; removed in v3.2.0', 'the field and its gcfg tag are gone from v3.2.0.'),
      driver('pkg/common/config/types.go (Config.Global.VCClientTimeout)', 'v2.1.0 – v3.3.0; removed in v3.3.1', 'the field and its gcfg tag are gone from v3.3.1.'),
      citations.readConfig,
    ],
    fixable: false,
  }),
  check(context) {
    const version = context.config.driver.version;
    for (const section of context.fragment.parsed.doc.sections) {
      if (!isEffective(section)) continue;
      for (const entry of section.entries) {
        if (entry.invalidName) continue;
        const removed = removedKey(section.lower, entry.lower);
        if (!removed || atLeast(version, removed.removedIn) === false) continue;
        report(
          context,
          [entry.nameStart, entry.nameEnd],
          `"${entry.name}" in ${headerLabel(section)} was last read by driver v${removed.lastVersion}; from v${removed.removedIn} (this cluster: v${version}) the driver ignores it without a word. ${removed.doc}`,
          { tags: ['deprecated'] },
        );
      }
    }
  },
};
