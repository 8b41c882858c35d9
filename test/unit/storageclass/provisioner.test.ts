// sc-provisioner-typo, sc-multiple-defaults.
import { describe, expect, it } from 'vitest';
import { applyFix, lint, lintFiles, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const sc = (provisioner: string, params = '  storagepolicyname: Gold') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gold
provisioner: ${provisioner}
parameters:
${params}
`;

describe('sc-provisioner-typo', () => {
  it.each([
    ['vsphere.csi.vmware.com', 'csi.vsphere.vmware.com'],
    ['csi.vsphere.vmware.corn', 'csi.vsphere.vmware.com'],
    ['csi.vsphere.vmware.io', 'csi.vsphere.vmware.com'],
    ['CSI.vSphere.VMware.com', 'csi.vsphere.vmware.com'],
    ['"csi.vsphere.vmware.com "', 'csi.vsphere.vmware.com'],
    ['kubernetes.io/vsphere-volumes', 'kubernetes.io/vsphere-volume'],
    ['kubernetes.io/vsphere_volume', 'kubernetes.io/vsphere-volume'],
  ])('flags %s as a typo of %s', (written, intended) => {
    const text = sc(written);
    const findings = ofRule(lint(text), 'sc-provisioner-typo');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[5, written, 'error']]);
    expect(findings[0]!.message).toContain(`Did you mean "${intended}"`);
    expect(findings[0]!.message).toContain('PVCs stay Pending');
    const fixed = applyFix(text, findings[0]!, 0);
    const quoted = written.startsWith('"');
    expect(fixed).toBe(text.replace(`provisioner: ${written}`, `provisioner: ${quoted ? `"${intended}"` : intended}`));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('explains the pre-1.0 driver name', () => {
    const [finding] = ofRule(lint(sc('vsphere.csi.vmware.com')), 'sc-provisioner-typo');
    expect(finding!.message).toContain('pre-1.0');
  });

  it.each(['csi.vsphere.vmware.com', 'kubernetes.io/vsphere-volume', 'ebs.csi.aws.com', 'rook-ceph.rbd.csi.ceph.com', 'nfs.csi.k8s.io', 'kubernetes.io/no-provisioner', 'kubernetes.io/portworx-volume', 'csi.trident.netapp.io'])(
    'never fires for %s',
    (provisioner) => {
      expect(linesOf(lint(sc(provisioner)), 'sc-provisioner-typo')).toEqual([]);
    },
  );

  it('leaves classes of the pre-1.0 driver with its own parameters alone', () => {
    expect(linesOf(lint(sc('vsphere.csi.vmware.com', '  parent_type: Datastore\n  parent_name: ds1')), 'sc-provisioner-typo')).toEqual([]);
  });
});

const named = (name: string, annotation = 'storageclass.kubernetes.io/is-default-class', value = '"true"', provisioner = 'csi.vsphere.vmware.com') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}
  annotations:
    ${annotation}: ${value} # default
provisioner: ${provisioner}
`;

describe('sc-multiple-defaults', () => {
  it('reports every default class, pointing at the others', () => {
    const results = lintFiles({
      files: {
        'gold.yaml': named('gold'),
        'silver.yaml': named('silver', 'storageclass.beta.kubernetes.io/is-default-class', "'true'", 'ebs.csi.aws.com'),
        'bronze.yaml': named('bronze', undefined, '"false"'),
      },
    });
    const gold = ofRule(results.get('gold.yaml')!, 'sc-multiple-defaults');
    expect(gold.map((f) => [f.range.start.line + 1, textOf(named('gold'), f), f.severity])).toEqual([[6, '"true"', 'warning']]);
    expect(gold[0]!.message).toContain('"silver"');
    expect(gold[0]!.related?.map((r) => [r.uri, r.range.start.line + 1])).toEqual([['file:///ws/silver.yaml', 4]]);
    const silverText = named('silver', 'storageclass.beta.kubernetes.io/is-default-class', "'true'", 'ebs.csi.aws.com');
    const silver = ofRule(results.get('silver.yaml')!, 'sc-multiple-defaults');
    expect(silver.map((f) => [f.range.start.line + 1, textOf(silverText, f)])).toEqual([[6, "'true'"]]);
    expect(ofRule(results.get('bronze.yaml')!, 'sc-multiple-defaults')).toEqual([]);
  });

  it('stays quiet with one default, and counts one class defined twice once', () => {
    expect(linesOf(lint(named('gold'), { others: { 'b.yaml': named('silver', undefined, '"false"') } }), 'sc-multiple-defaults')).toEqual([]);
    expect(linesOf(lint(named('gold'), { others: { 'overlay.yaml': named('gold') } }), 'sc-multiple-defaults')).toEqual([]);
  });
});
