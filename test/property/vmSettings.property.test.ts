// Node VM settings: whatever text arrives in a .vmx file, a script or customVMXKeys, the readers
// never throw, every span stays inside the text, hovers and completion work at every offset, and
// fixes re-parse without new problems.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdits, createLanguageService, defaultConfig, type Finding } from '../../server/src/service/index.js';
import { parseVmx } from '../../server/src/service/fragments/vmSettings/parseVmx.js';
import { parseGovc } from '../../server/src/service/fragments/vmSettings/parseGovc.js';
import { parsePowerCli } from '../../server/src/service/fragments/vmSettings/parsePowerCli.js';
import type { VmSetting } from '../../server/src/service/fragments/vmSettings/model.js';

const service = createLanguageService();
const support = service.registry.fragmentSupports.get('vm-settings')!;
const RUNS = 300;

const PIECES = [
  '\n', '\r\n', ' ', '\t', '=', ' = ', '"', "'", '`', '\\', '\\\n', '`\n', '#', '# c\n', '<#', '#>', '|', ';', '&&', '$', '$(', ')', '(', '{', '}', '-e', ' -e ', '-e=', '--e ',
  'govc ', 'vm.change ', '-vm ', 'node-1 ', 'New-AdvancedSetting ', 'Get-AdvancedSetting ', 'Set-AdvancedSetting ', '-Name ', '-N:', '-Value ', '-Entity ', '$vm ', '$true', '$false', 'Get-VMHost ', 'Get-VM ',
  'devices.hotplug', 'disk.EnableUUID', 'virtualHW.version', 'scsi0.virtualDev', 'scsi4.present', 'scsi1:0.fileName', 'fsr.maxSwitchoverSeconds', 'ethernet0.address', 'ethernet0.addressType', 'ethernet0.checkMACAddress',
  'TRUE', 'FALSE', '0', '1', '13', '19', 'pvscsi', 'lsilogic', '200s', '00:0c:29:12:34:56', '00:50:56:01:02:03', 'static', '\uFEFF', '\u0000', '\uD800', 'é', '😀',
];

const texty = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) }), { maxLength: 60 })
  .map((parts) => parts.join(''));

function spansInside(text: string, entries: VmSetting[], problems: Array<{ start: number; end: number }>) {
  for (const e of entries) {
    for (const [start, end] of [e.keySpan, e.valueSpan]) {
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeGreaterThanOrEqual(start);
      expect(end).toBeLessThanOrEqual(text.length);
    }
  }
  for (const p of problems) {
    expect(p.start).toBeGreaterThanOrEqual(0);
    expect(p.end).toBeGreaterThanOrEqual(p.start);
    expect(p.end).toBeLessThanOrEqual(text.length);
  }
}

function findingsInside(text: string, findings: Finding[]) {
  for (const f of findings) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.ruleId).not.toBe('internal-error');
  }
}

/** A customVMXKeys map of arbitrary keys and YAML values. */
const capvArb = fc
  .array(fc.tuple(fc.constantFrom('devices.hotplug', 'disk.EnableUUID', 'virtualHW.version', 'scsi4.present', 'scsi0.virtualDev', 'fsr.maxSwitchoverSeconds', 'ethernet0.address', '"quoted.key"', 'disk'), fc.constantFrom('false', '"FALSE"', "'TRUE'", '13', '"19"', '2e2', '', '~', '[a]', '{EnableUUID: x}', 'lsilogic', '|\n          block', '&a "x"', '*a', '"00:0c:29:12:34:56"')), { maxLength: 8 })
  .map((pairs) => `apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
kind: VSphereMachineTemplate
metadata:
  name: md-0
spec:
  template:
    spec:
      customVMXKeys:
${pairs.map(([k, v]) => `        ${k}: ${v}`).join('\n')}
`);

describe('node VM settings readers', () => {
  it('parseVmx, parseGovc and parsePowerCli never throw and keep spans inside the text', () => {
    fc.assert(
      fc.property(texty, (text) => {
        const vmx = parseVmx(text);
        spansInside(text, vmx.settings.entries, vmx.problems);
        const govc = parseGovc(text);
        spansInside(text, govc.entries, govc.problems);
        const ps = parsePowerCli(text);
        spansInside(text, ps.entries, ps.problems);
      }),
      { numRuns: RUNS },
    );
  });

  it('linting any text as .vmx, shell or PowerShell keeps findings inside it; hover and completion never throw; fixes add no problems', () => {
    fc.assert(
      fc.property(texty, fc.constantFrom('node.vmx', 'setup.sh', 'setup.ps1'), (text, name) => {
        const uri = `file:///ws/${name}`;
        const findings = service.lintFiles([{ uri, text }]).get(uri) ?? [];
        findingsInside(text, findings);
        const parsed = service.parse({ uri, text });
        for (const { fragment } of parsed.fragments.filter((f) => f.support === 'vm-settings')) {
          for (let offset = 0; offset <= text.length; offset += 3) {
            const hover = support.hover!(fragment, offset, defaultConfig());
            if (hover) expect(hover.span[1]).toBeLessThanOrEqual(text.length);
            for (const item of support.complete!(fragment, offset, defaultConfig())) {
              if (item.replace) expect(item.replace[0] <= item.replace[1] && item.replace[1] <= text.length).toBe(true);
            }
          }
        }
        const result = service.applyFixes(uri, text, findings);
        expect(result.safe).toBe(true);
        const before = findings.filter((f) => f.ruleId === 'vm-syntax').length;
        const after = (service.lintFiles([{ uri, text: result.text }]).get(uri) ?? []).filter((f) => f.ruleId === 'vm-syntax').length;
        expect(after).toBeLessThanOrEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('customVMXKeys of any shape: findings on the file, and every fix leaves valid YAML that no longer has that finding', () => {
    fc.assert(
      fc.property(capvArb, (text) => {
        const uri = 'file:///ws/cluster.yaml';
        const findings = service.lintFiles([{ uri, text }]).get(uri) ?? [];
        findingsInside(text, findings);
        for (const finding of findings.filter((f) => f.fix)) {
          const fixed = applyEdits(text, finding.fix!.edits).text;
          const parsed = service.parse({ uri, text: fixed });
          expect(parsed.syntaxProblems).toEqual([]);
          const again = service.lintFiles([{ uri, text: fixed }]).get(uri) ?? [];
          expect(again.some((f) => f.ruleId === finding.ruleId && f.start === finding.start)).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
