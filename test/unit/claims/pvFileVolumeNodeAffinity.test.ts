import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const ID = 'pv-file-volume-node-affinity';

const pv = (mode: string, driver = 'csi.vsphere.vmware.com', affinity = true) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: share
spec:
  capacity:
    storage: 5Gi
  accessModes:
    - ${mode}
  csi:
    driver: "${driver}"
    volumeHandle: "file:236b3e6b-cfb0-4b73-a271-2591b2f31b4c"
${
  affinity
    ? `  nodeAffinity: # copied from a block PV
    required:
      nodeSelectorTerms:
        - matchExpressions:
            - key: topology.csi.vmware.com/k8s-zone
              operator: In
              values: [zone-a]
`
    : ''
}  persistentVolumeReclaimPolicy: Retain
`;

describe(ID, () => {
  it('flags nodeAffinity on a vSphere file volume, with a suggestion that removes it', () => {
    const text = pv('ReadWriteMany');
    const findings = ofRule(lint(text), ID);
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.range.start.line + 1).toBe(13);
    expect(textOf(text, finding)).toBe('nodeAffinity');
    expect(finding.severity).toBe('error');
    const fixed = applyFix(text, finding, 0);
    expect(fixed).toBe(pv('ReadWriteMany', undefined, false));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('flags ReadOnlyMany too', () => {
    expect(linesOf(lint(pv('ReadOnlyMany')), ID)).toEqual([13]);
  });

  it('stays quiet for block volumes, other drivers, PVs without affinity and other flavors', () => {
    expect(linesOf(lint(pv('ReadWriteOnce')), ID)).toEqual([]);
    expect(linesOf(lint(pv('ReadWriteMany', 'nfs.csi.k8s.io')), ID)).toEqual([]);
    expect(linesOf(lint(pv('ReadWriteMany', undefined, false)), ID)).toEqual([]);
    expect(linesOf(lint(pv('ReadWriteMany'), { config: 'driver: {flavor: supervisor}\n' }), ID)).toEqual([]);
  });
});
