// sc-topology-key, sc-topology-immediate-binding.
import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const sc = (topology: string, extra = '', provisioner = 'csi.vsphere.vmware.com') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: zonal
provisioner: ${provisioner}
${extra}allowedTopologies:
  - matchLabelExpressions:
${topology}
`;
const expr = (key: string, values = ['zone-a']) => `      - key: ${key}\n        values: [${values.join(', ')}]`;
const CATEGORIES = 'topology:\n  categories: [k8s-region, k8s-zone]\n';
const WFFC = 'volumeBindingMode: WaitForFirstConsumer\n';

describe('sc-topology-key', () => {
  it('rejects the blog-era key and offers the configured categories', () => {
    const text = sc(expr('topology.csi.vsphere.volume/zone'), WFFC);
    const findings = ofRule(lint(text, { config: CATEGORIES }), 'sc-topology-key');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[9, 'topology.csi.vsphere.volume/zone', 'error']]);
    expect(findings[0]!.message).toContain('PVCs stay Pending');
    expect(findings[0]!.suggestions?.map((s) => s.title)).toEqual(['Change to "topology.csi.vmware.com/k8s-region"', 'Change to "topology.csi.vmware.com/k8s-zone"']);
    const fixed = applyFix(text, findings[0]!, 1);
    expect(fixed).toBe(text.replace('key: topology.csi.vsphere.volume/zone', 'key: topology.csi.vmware.com/k8s-zone'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('rejects a category that csi-vsphere.conf does not define, with a did-you-mean', () => {
    const text = sc(expr('"topology.csi.vmware.com/k8s-zones"'), WFFC);
    const [finding] = ofRule(lint(text, { config: CATEGORIES }), 'sc-topology-key');
    expect([finding!.range.start.line + 1, textOf(text, finding!), finding!.severity]).toEqual([9, '"topology.csi.vmware.com/k8s-zones"', 'error']);
    expect(finding!.message).toContain('Did you mean "topology.csi.vmware.com/k8s-zone"');
    expect(applyFix(text, finding!, 0)).toBe(text.replace('"topology.csi.vmware.com/k8s-zones"', '"topology.csi.vmware.com/k8s-zone"'));
    // Without configured categories any category is accepted.
    expect(linesOf(lint(text), 'sc-topology-key')).toEqual([]);
  });

  it('warns that topology.kubernetes.io keys need a [TopologyCategory] mapping', () => {
    const text = sc(expr('topology.kubernetes.io/zone'), WFFC);
    const [finding] = ofRule(lint(text), 'sc-topology-key');
    expect([finding!.range.start.line + 1, textOf(text, finding!), finding!.severity]).toEqual([9, 'topology.kubernetes.io/zone', 'warning']);
    expect(finding!.message).toContain('only works when csi-vsphere.conf maps');
  });

  it('rejects kubernetes.io/hostname and unrelated keys', () => {
    const text = sc(`${expr('kubernetes.io/hostname', ['node-1'])}\n${expr('Topology.csi.vmware.com/k8s-zone')}`, WFFC);
    const findings = ofRule(lint(text, { config: CATEGORIES }), 'sc-topology-key');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([
      [9, 'kubernetes.io/hostname', 'error'],
      [11, 'Topology.csi.vmware.com/k8s-zone', 'error'],
    ]);
    expect(findings[0]!.message).toContain('host names');
    expect(applyFix(text, findings[1]!, 0)).toBe(text.replace('Topology.csi.vmware.com/k8s-zone', 'topology.csi.vmware.com/k8s-zone'));
  });

  it('accepts the driver\'s keys and the legacy failure-domain keys', () => {
    const text = sc(`${expr('topology.csi.vmware.com/k8s-zone')}\n${expr('topology.csi.vmware.com/k8s-region', ['us-west'])}\n${expr('failure-domain.beta.kubernetes.io/zone')}`, WFFC);
    expect(linesOf(lint(text, { config: CATEGORIES }), 'sc-topology-key')).toEqual([]);
  });

  it('only checks blog-era keys on Supervisor and guest clusters, and ignores other provisioners', () => {
    const text = sc(`${expr('topology.kubernetes.io/zone')}\n${expr('topology.csi.vsphere.volume/zone')}`, WFFC);
    expect(linesOf(lint(text, { config: 'driver:\n  flavor: guest\n' }), 'sc-topology-key')).toEqual([11]);
    expect(linesOf(lint(sc(expr('topology.csi.vsphere.volume/zone'), WFFC, 'ebs.csi.aws.com')), 'sc-topology-key')).toEqual([]);
  });
});

describe('sc-topology-immediate-binding', () => {
  it('adds volumeBindingMode when it is absent and several zones are allowed', () => {
    const text = sc(expr('topology.csi.vmware.com/k8s-zone', ['zone-a', 'zone-b']));
    const findings = ofRule(lint(text), 'sc-topology-immediate-binding');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[6, 'allowedTopologies', 'warning']]);
    expect(findings[0]!.message).toContain('stays Pending');
    const fixed = applyFix(text, findings[0]!);
    expect(fixed).toBe(text.replace('values: [zone-a, zone-b]\n', 'values: [zone-a, zone-b]\nvolumeBindingMode: WaitForFirstConsumer\n'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('replaces an explicit Immediate, keeping its comment', () => {
    const text = sc(`${expr('topology.csi.vmware.com/k8s-zone')}\n  - matchLabelExpressions:\n${expr('topology.csi.vmware.com/k8s-zone', ['zone-b'])}`, 'volumeBindingMode: Immediate # default\n');
    const [finding] = ofRule(lint(text), 'sc-topology-immediate-binding');
    expect([finding!.range.start.line + 1, textOf(text, finding!)]).toEqual([6, 'Immediate']);
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe(text.replace('volumeBindingMode: Immediate # default', 'volumeBindingMode: WaitForFirstConsumer # default'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('appends to a flow-style class', () => {
    const text = `{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: z}, provisioner: csi.vsphere.vmware.com, allowedTopologies: [{matchLabelExpressions: [{key: topology.csi.vmware.com/k8s-zone, values: [a, b]}]}]}\n`;
    const [finding] = ofRule(lint(text), 'sc-topology-immediate-binding');
    const fixed = applyFix(text, finding!);
    expect(fixed).toBe(text.replace(']}]}]}', ']}]}], volumeBindingMode: WaitForFirstConsumer}'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('stays quiet with WaitForFirstConsumer, a single allowed segment, or no topology', () => {
    expect(linesOf(lint(sc(expr('topology.csi.vmware.com/k8s-zone', ['a', 'b']), WFFC)), 'sc-topology-immediate-binding')).toEqual([]);
    expect(linesOf(lint(sc(`${expr('topology.csi.vmware.com/k8s-zone')}\n${expr('topology.csi.vmware.com/k8s-region', ['us-west'])}`)), 'sc-topology-immediate-binding')).toEqual([]);
    expect(linesOf(lint('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: x\nprovisioner: csi.vsphere.vmware.com\n'), 'sc-topology-immediate-binding')).toEqual([]);
  });
});
