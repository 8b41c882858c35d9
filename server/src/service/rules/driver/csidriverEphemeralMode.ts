import { driver } from '../../knowledge/citations.js';
import { VSPHERE_CSI_DRIVER } from '../../workspaceIndex.js';
import { getNode, getString, seqItems, stringValue } from '../../yaml/ast.js';
import type { Rule } from '../rule.js';

export const csidriverEphemeralMode: Rule = {
  meta: {
    id: 'csidriver-ephemeral-mode',
    defaultSeverity: 'error',
    category: 'Driver objects',
    description: 'The CSIDriver object of `csi.vsphere.vmware.com` declares the `Ephemeral` volume lifecycle mode.',
    why: 'The vSphere driver has no inline ephemeral volumes: its volumes are CNS disks or shares created by CreateVolume, attached to the node VM and staged before they are published. Declaring `Ephemeral` lets pods use inline `csi:` volumes for it, and those fail to mount ("staging target path not set").',
    docs: [
      'The driver ships its CSIDriver with `attachRequired: true` and no `volumeLifecycleModes`, which means Persistent only. Blog snippets that add `Ephemeral` do not match this driver.',
      '',
      '```yaml',
      'apiVersion: storage.k8s.io/v1',
      'kind: CSIDriver',
      'metadata: {name: csi.vsphere.vmware.com}',
      'spec:',
      '  attachRequired: true',
      '  podInfoOnMount: false',
      '  volumeLifecycleModes: [Persistent, Ephemeral]   # wrong',
      '  volumeLifecycleModes: [Persistent]              # right (or leave the field out)',
      '```',
      '',
      'For per-pod scratch space on vSphere use generic ephemeral volumes (`volumes[].ephemeral.volumeClaimTemplate`), which create a normal claim per pod.',
    ].join('\n'),
    citations: [
      driver('manifests/vanilla/vsphere-csi-driver.yaml (CSIDriver)', 'v2.1.0 – v3.8.0-rc.1', 'the driver\'s own CSIDriver sets attachRequired: true and no volumeLifecycleModes (Persistent only).'),
      driver('pkg/csi/service/node.go (NodePublishVolume)', 'v2.0.0 – v3.8.0-rc.1', 'publishing requires a staging target path, which inline ephemeral volumes never have.'),
    ],
    fixable: false,
  },
  kinds: ['CSIDriver'],
  check(context) {
    const { doc, node } = context.object;
    if (getString(node, ['metadata', 'name'], doc) !== VSPHERE_CSI_DRIVER) return;
    for (const item of seqItems(getNode(node, ['spec', 'volumeLifecycleModes'], doc), doc)) {
      if (stringValue(item, doc) !== 'Ephemeral') continue;
      context.report({
        node: item,
        message: 'The vSphere CSI driver has no inline ephemeral volumes; with Ephemeral declared, pods may use inline csi: volumes for it and those fail to mount. Declare only Persistent (or leave volumeLifecycleModes out); use generic ephemeral volumes for per-pod scratch space.',
      });
    }
  },
};
