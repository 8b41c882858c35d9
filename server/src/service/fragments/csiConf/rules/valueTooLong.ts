import { driver } from '../../../knowledge/citations.js';
import { atLeast } from '../../../util/version.js';
import { ALL_VERSIONS, CONFIG_GO, MAX_CLUSTER_DISTRIBUTION, MAX_ID_BYTES } from '../knowledge.js';
import { byteLength, knownEntries } from '../model.js';
import { CRASH, meta, report, type CsiConfRule } from '../report.js';

const ID_LIMITS: Record<string, { error: string; since: string }> = {
  'cluster-id': { error: 'cluster id must not exceed 64 characters', since: '2.1.0' },
  'supervisor-id': { error: 'supervisor id must not exceed 64 characters', since: '2.5.0' },
};

export const csiConfValueTooLong: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-value-too-long',
    defaultSeverity: 'error',
    description: 'A csi-vsphere.conf `cluster-id` or `supervisor-id` over 64 characters, or a `cluster-distribution` over 128.',
    why: 'The driver refuses an id over 64 bytes at start-up ("cluster id must not exceed 64 characters") and the vsphere-csi-controller pod crash-loops. A `cluster-distribution` over 128 characters is accepted by the driver but rejected by vCenter on every volume creation, so PVCs stay Pending.',
    docs: [
      '```ini',
      '[Global]',
      'cluster-id = "prod-eu-west-1"        # at most 64 characters',
      'cluster-distribution = "OpenShift"   # at most 128 characters',
      '```',
    ],
    citations: [
      driver(CONFIG_GO, 'v2.1.0 – v3.8.0-rc.1 (supervisor-id from v2.5.0)', 'ids longer than 64 bytes stop the driver.'),
      driver('tests/e2e/csi_cns_telemetry.go', ALL_VERSIONS, 'a cluster-distribution over 128 characters makes CNS fail volume creation with "A specified parameter was not correct: createSpecs.metadata.containerCluster.clusterDistribution".'),
    ],
    fixable: false,
  }),
  check(context) {
    const version = context.config.driver.version;
    for (const { info, entry } of knownEntries(context.fragment.parsed.doc)) {
      if (info.name !== 'Global' || !entry.value) continue;
      const value = entry.value;
      const limit = ID_LIMITS[entry.lower];
      if (limit) {
        const length = byteLength(value.text);
        if (length > MAX_ID_BYTES && atLeast(version, limit.since) !== false) {
          report(context, [value.start, value.end], `${entry.name} is ${length} bytes long; over ${MAX_ID_BYTES} the driver stops with "${limit.error}", so ${CRASH}.`);
        }
      } else if (entry.lower === 'cluster-distribution' && [...value.text].length > MAX_CLUSTER_DISTRIBUTION) {
        report(
          context,
          [value.start, value.end],
          `cluster-distribution is ${[...value.text].length} characters long; vCenter rejects every volume creation with more than ${MAX_CLUSTER_DISTRIBUTION} ("A specified parameter was not correct: …clusterDistribution"), so PVCs stay Pending.`,
        );
      }
    }
  },
};
