// csidriver-ephemeral-mode, feature-state-high-density-vsphere7
import { describe, expect, it } from 'vitest';
import { applyFix, lint, linesOf, ofRule, parsesCleanly, textOf } from '../../helpers/lint.js';

const csiDriver = (name: string, modes: string) => `apiVersion: storage.k8s.io/v1
kind: CSIDriver
metadata:
  name: ${name}
spec:
  attachRequired: true
  podInfoOnMount: false
${modes}`;

const featureStates = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: internal-feature-states.csi.vsphere.vmware.com
  namespace: vmware-system-csi
data:
  csi-migration: "true"
${data}`;

describe('csidriver-ephemeral-mode', () => {
  const ID = 'csidriver-ephemeral-mode';

  it('flags the Ephemeral mode on the vSphere CSIDriver', () => {
    const text = csiDriver('csi.vsphere.vmware.com', '  volumeLifecycleModes:\n    - Persistent\n    - Ephemeral\n');
    const findings = ofRule(lint(text), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f), f.severity])).toEqual([[10, 'Ephemeral', 'error']]);
    const flow = csiDriver('csi.vsphere.vmware.com', '  volumeLifecycleModes: [Ephemeral]\n');
    expect(linesOf(lint(flow), ID)).toEqual([8]);
  });

  it('stays quiet for Persistent only, no modes, and other drivers', () => {
    expect(linesOf(lint(csiDriver('csi.vsphere.vmware.com', '  volumeLifecycleModes: [Persistent]\n')), ID)).toEqual([]);
    expect(linesOf(lint(csiDriver('csi.vsphere.vmware.com', '')), ID)).toEqual([]);
    expect(linesOf(lint(csiDriver('secrets-store.csi.k8s.io', '  volumeLifecycleModes: [Ephemeral]\n')), ID)).toEqual([]);
  });
});

describe('feature-state-high-density-vsphere7', () => {
  const ID = 'feature-state-high-density-vsphere7';

  it('warns about high-pv-node-density on vSphere 7, with a suggestion to turn it off', () => {
    const text = featureStates('  high-pv-node-density: "true"\n');
    const findings = ofRule(lint(text, { config: 'vsphere: {version: "7.0U3"}\n' }), ID);
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.range.start.line + 1).toBe(8);
    expect(textOf(text, finding)).toBe('"true"');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('7.0U3');
    const fixed = applyFix(text, finding, 0);
    expect(fixed).toBe(featureStates('  high-pv-node-density: "false"\n'));
    expect(parsesCleanly(fixed)).toBe(true);
  });

  it('checks the older key for drivers before v3.7.1', () => {
    const text = featureStates("  max-pvscsi-targets-per-vm: 'true'\n  high-pv-node-density: \"true\"\n");
    const findings = ofRule(lint(text, { config: 'driver: {version: "3.5.0"}\nvsphere: {version: "7.0U3"}\n' }), ID);
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f)])).toEqual([[8, "'true'"]]);
  });

  it('stays quiet on vSphere 8, without a version, and when the switch is off', () => {
    const on = featureStates('  high-pv-node-density: "true"\n');
    expect(linesOf(lint(on, { config: 'vsphere: {version: "8.0.2"}\n' }), ID)).toEqual([]);
    expect(linesOf(lint(on), ID)).toEqual([]);
    expect(linesOf(lint(featureStates('  high-pv-node-density: "false"\n'), { config: 'vsphere: {version: "7.0"}\n' }), ID)).toEqual([]);
  });
});
