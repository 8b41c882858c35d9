// The node VM setting rules, each in every place it applies: .vmx files, Cluster API
// customVMXKeys, govc lines in shell scripts and PowerCLI lines in PowerShell scripts.
import { describe, expect, it } from 'vitest';
import { applyFix, ofRule, textOf } from '../../helpers/lint.js';
import { capv, capvVm, govc, inEach, lintAs, lintNamed, powercli, vmx, type Source } from './helpers.js';

const SOURCES: Source[] = ['vmx', 'capv', 'govc', 'powercli'];

/** The findings of one rule as [text under the finding, severity]. */
function found(source: Source, text: string, rule: string) {
  return ofRule(lintAs(source, text), rule).map((f) => [textOf(text, f), f.severity]);
}

/** The text a value is written as in each source (quotes belong to the value in .vmx and YAML). */
const written = (source: Source, value: string) => (source === 'vmx' || source === 'capv' ? `"${value}"` : value);

describe('vm-hotplug-disabled', () => {
  it.each(SOURCES)('fires on devices.hotplug FALSE in %s, on the value', (source) => {
    for (const value of ['FALSE', 'false', '0', 'no']) {
      const text = inEach('devices.hotplug', value)[source];
      expect(found(source, text, 'vm-hotplug-disabled'), `${source} ${value}`).toEqual([[written(source, value), 'error']]);
    }
  });

  it.each(SOURCES)('stays quiet when hot-plug is on or not set in %s', (source) => {
    for (const value of ['TRUE', 'true', '1']) expect(found(source, inEach('devices.hotplug', value)[source], 'vm-hotplug-disabled')).toEqual([]);
    expect(found(source, inEach('disk.EnableUUID', 'TRUE')[source], 'vm-hotplug-disabled')).toEqual([]);
  });

  it('says what happens to the cluster and offers (not forces) turning it back on', () => {
    const text = vmx('devices.hotplug = "FALSE"');
    const [finding] = ofRule(lintAs('vmx', text), 'vm-hotplug-disabled');
    expect(finding!.message).toContain('volumes never attach');
    expect(finding!.message).toContain('ContainerCreating');
    expect(finding!.fix).toBeUndefined();
    expect(applyFix(text, finding!, 0)).toBe(vmx('devices.hotplug = "TRUE"'));
  });

  it('reads PowerShell booleans and keys in any case', () => {
    expect(found('powercli', powercli('Devices.HotPlug', '$false'), 'vm-hotplug-disabled')).toEqual([['$false', 'error']]);
    expect(found('powercli', powercli('devices.hotplug', '$true'), 'vm-hotplug-disabled')).toEqual([]);
  });
});

describe('vm-disk-uuid-disabled', () => {
  it.each(SOURCES)('fires when disk.EnableUUID is not TRUE in %s, and the fix sets TRUE', (source) => {
    const text = inEach('disk.EnableUUID', 'FALSE')[source];
    const findings = ofRule(lintAs(source, text), 'vm-disk-uuid-disabled');
    expect(findings.map((f) => [textOf(text, f), f.severity])).toEqual([[written(source, 'FALSE'), 'error']]);
    expect(findings[0]!.message).toContain('/dev/disk/by-id/wwn-0x');
    const fixed = applyFix(text, findings[0]!);
    expect(fixed).toBe(text.replace(written(source, 'FALSE'), written(source, 'TRUE')));
    expect(ofRule(lintAs(source, fixed), 'vm-disk-uuid-disabled')).toEqual([]);
  });

  it.each(SOURCES)('stays quiet when it is TRUE (or 1) in %s', (source) => {
    expect(found(source, inEach('disk.EnableUUID', 'TRUE')[source], 'vm-disk-uuid-disabled')).toEqual([]);
    expect(found(source, inEach('disk.enableUUID', '1')[source], 'vm-disk-uuid-disabled')).toEqual([]);
  });

  it('fixes an unquoted YAML boolean into the string "TRUE"', () => {
    const text = capv('disk.EnableUUID: false');
    const finding = ofRule(lintAs('capv', text), 'vm-disk-uuid-disabled')[0]!;
    expect(applyFix(text, finding)).toBe(capv('disk.EnableUUID: "TRUE"'));
  });

  it('fixes PowerShell $false and a quoted govc pair in place', () => {
    const ps = powercli('disk.EnableUUID', '$false');
    expect(applyFix(ps, ofRule(lintAs('powercli', ps), 'vm-disk-uuid-disabled')[0]!)).toBe(powercli('disk.EnableUUID', 'TRUE'));
    const sh = govc('"disk.enableUUID=0"');
    expect(applyFix(sh, ofRule(lintAs('govc', sh), 'vm-disk-uuid-disabled')[0]!)).toBe(govc('"disk.enableUUID=TRUE"'));
  });

  it('warns (with a fix adding the line) when a whole .vmx has no disk.EnableUUID', () => {
    const text = vmx('.encoding = "UTF-8"', 'virtualHW.version = "19"', 'memSize = "8192"');
    const findings = ofRule(lintAs('vmx', text), 'vm-disk-uuid-disabled');
    expect(findings.map((f) => [textOf(text, f), f.severity])).toEqual([['virtualHW.version', 'warning']]);
    const fixed = applyFix(text, findings[0]!);
    expect(fixed).toBe(`${text}disk.EnableUUID = "TRUE"\n`);
    expect(lintAs('vmx', fixed)).toEqual([]);
    // No trailing line break, CRLF files
    const bare = 'virtualHW.version = "19"';
    expect(applyFix(bare, ofRule(lintAs('vmx', bare), 'vm-disk-uuid-disabled')[0]!)).toBe('virtualHW.version = "19"\ndisk.EnableUUID = "TRUE"\n');
    const crlf = 'virtualHW.version = "19"\r\nmemSize = "4096"\r\n';
    expect(applyFix(crlf, ofRule(lintAs('vmx', crlf), 'vm-disk-uuid-disabled')[0]!)).toBe(`${crlf}disk.EnableUUID = "TRUE"\r\n`);
  });

  it('does not ask for the key in .vmx snippets, CAPV objects (CAPV enables disk UUIDs itself) or scripts', () => {
    expect(found('vmx', vmx('devices.hotplug = "TRUE"'), 'vm-disk-uuid-disabled')).toEqual([]);
    expect(found('capv', capv('devices.hotplug: "TRUE"'), 'vm-disk-uuid-disabled')).toEqual([]);
    expect(found('capv', capvVm('devices.hotplug: "TRUE"'), 'vm-disk-uuid-disabled')).toEqual([]);
    expect(found('govc', govc('devices.hotplug=TRUE'), 'vm-disk-uuid-disabled')).toEqual([]);
  });

  it('leaves values only known at run time alone', () => {
    expect(found('govc', govc('disk.enableUUID=$UUID_SETTING'), 'vm-disk-uuid-disabled')).toEqual([]);
    expect(found('powercli', powercli('disk.EnableUUID', '$setting'), 'vm-disk-uuid-disabled')).toEqual([]);
  });
});

describe('vm-hardware-version-old', () => {
  it.each(SOURCES)('warns below 15 in %s', (source) => {
    const text = inEach('virtualHW.version', '13')[source];
    expect(found(source, text, 'vm-hardware-version-old')).toEqual([[written(source, '13'), 'warning']]);
  });

  it.each(SOURCES)('stays quiet at 15 and above in %s', (source) => {
    for (const version of ['15', '19', '21']) expect(found(source, inEach('virtualHW.version', version)[source], 'vm-hardware-version-old')).toEqual([]);
  });

  it('reports a value that is not a version number', () => {
    const [finding] = ofRule(lintAs('vmx', vmx('virtualHW.version = "vmx-19"')), 'vm-hardware-version-old');
    expect(finding!.message).toContain('not a hardware version number');
  });
});

describe('vm-too-many-scsi-controllers', () => {
  it.each(SOURCES)('fires once per controller numbered 4 or more in %s, on its first key', (source) => {
    const texts: Record<Source, string> = {
      vmx: vmx('scsi4.present = "TRUE"', 'scsi4.virtualDev = "pvscsi"', 'scsi4:0.fileName = "data.vmdk"', 'scsi5.virtualDev = "pvscsi"'),
      capv: capv('scsi4.present: "TRUE"', 'scsi4.virtualDev: "pvscsi"', 'scsi5.virtualDev: "pvscsi"'),
      govc: govc('scsi4.present=TRUE', 'scsi4.virtualDev=pvscsi', 'scsi5.virtualDev=pvscsi'),
      powercli: `${powercli('scsi4.present', 'TRUE')}${powercli('scsi5.virtualDev', 'pvscsi')}`,
    };
    expect(found(source, texts[source], 'vm-too-many-scsi-controllers')).toEqual([
      ['scsi4.present', 'error'],
      [source === 'powercli' ? 'scsi5.virtualDev' : 'scsi5.virtualDev', 'error'],
    ]);
  });

  it.each(SOURCES)('stays quiet for scsi0 to scsi3 in %s', (source) => {
    expect(found(source, inEach('scsi3.virtualDev', 'pvscsi')[source], 'vm-too-many-scsi-controllers')).toEqual([]);
  });

  it('stays quiet for a controller marked absent', () => {
    expect(found('vmx', vmx('scsi4.present = "FALSE"', 'scsi4.virtualDev = "pvscsi"'), 'vm-too-many-scsi-controllers')).toEqual([]);
  });
});

describe('vm-non-pvscsi-controller', () => {
  it.each(SOURCES)('warns on a controller type other than pvscsi in %s, on the value', (source) => {
    for (const type of ['lsilogic', 'lsisas1068', 'buslogic']) {
      expect(found(source, inEach('scsi1.virtualDev', type)[source], 'vm-non-pvscsi-controller'), type).toEqual([[written(source, type), 'warning']]);
    }
  });

  it.each(SOURCES)('stays quiet for pvscsi in %s', (source) => {
    expect(found(source, inEach('scsi1.virtualDev', 'pvscsi')[source], 'vm-non-pvscsi-controller')).toEqual([]);
    expect(found(source, inEach('scsi1.virtualDev', 'PVSCSI')[source], 'vm-non-pvscsi-controller')).toEqual([]);
  });

  it('tells a whole VM what its limit becomes', () => {
    const text = vmx('virtualHW.version = "19"', 'disk.EnableUUID = "TRUE"', 'scsi0.virtualDev = "lsilogic"', 'scsi1.virtualDev = "lsisas1068"', 'scsi2.virtualDev = "pvscsi"', 'scsi3.present = "FALSE"', 'scsi3.virtualDev = "buslogic"');
    const findings = ofRule(lintAs('vmx', text), 'vm-non-pvscsi-controller');
    expect(findings.map((f) => textOf(text, f))).toEqual(['"lsilogic"', '"lsisas1068"']);
    expect(findings[0]!.message).toContain('at most 29 volumes instead of 59');
  });
});

describe('vm-capv-value-not-string', () => {
  it('fires on YAML booleans and numbers with a fix that only adds quotes', () => {
    const text = capv('devices.hotplug: false', 'virtualHW.version: 19 # hw 19', 'tools.syncTime: off', 'fsr.maxSwitchoverSeconds: 2e2', 'disk.EnableUUID: "TRUE"');
    const findings = ofRule(lintAs('capv', text), 'vm-capv-value-not-string');
    expect(findings.map((f) => [textOf(text, f), f.severity])).toEqual([
      ['false', 'error'],
      ['19', 'error'],
      ['off', 'error'],
      ['2e2', 'error'],
    ]);
    expect(findings[0]!.message).toContain('rejects the VSphereMachineTemplate');
    for (const finding of findings) {
      const fixed = applyFix(text, finding);
      const raw = textOf(text, finding);
      expect(fixed).toBe(text.slice(0, finding.start) + `"${raw}"` + text.slice(finding.end));
      expect(ofRule(lintAs('capv', fixed), 'vm-capv-value-not-string')).toHaveLength(findings.length - 1);
    }
  });

  it('reports nested maps and empty values without a fix', () => {
    const text = capv('disk:', '  EnableUUID: "TRUE"', 'devices.hotplug:');
    const findings = ofRule(lintAs('capv', text), 'vm-capv-value-not-string');
    expect(findings.map((f) => [f.range.start.line + 1, f.fix])).toEqual([
      [13, undefined],
      [14, undefined],
    ]);
    expect(findings[0]!.message).toContain('one dotted name');
  });

  it('stays quiet on strings in any quoting, in VSphereVM too, and in every document of a multi-document file', () => {
    expect(found('capv', capv('devices.hotplug: "TRUE"', "virtualHW.version: '19'", 'sched.mem.pshare.salt: md-0'), 'vm-capv-value-not-string')).toEqual([]);
    const multi = `${capv('disk.EnableUUID: "TRUE"')}---\n${capvVm('virtualHW.version: 19')}---\n${capv('devices.hotplug: no')}`;
    const findings = ofRule(lintAs('capv', multi), 'vm-capv-value-not-string');
    expect(findings.map((f) => textOf(multi, f))).toEqual(['19', 'no']);
    expect(findings[0]!.message).toContain('rejects the VSphereVM');
  });

  it('does not apply to .vmx files or scripts, where every value is a string', () => {
    expect(found('vmx', vmx('virtualHW.version = 19'), 'vm-capv-value-not-string')).toEqual([]);
    expect(found('powercli', powercli('virtualHW.version', '19'), 'vm-capv-value-not-string')).toEqual([]);
  });

  it('ignores objects of other API groups and kinds', () => {
    const other = capv('devices.hotplug: false').replace('infrastructure.cluster.x-k8s.io/v1beta1', 'example.com/v1');
    expect(lintAs('capv', other)).toEqual([]);
  });
});

describe('vm-switchover-timeout', () => {
  it.each(SOURCES)('fires on values that are not whole seconds in %s', (source) => {
    for (const value of ['200s', '2.5', '0', '-5', 'abc']) {
      expect(found(source, inEach('fsr.maxSwitchoverSeconds', value)[source], 'vm-switchover-timeout'), value).toEqual([[written(source, value), 'error']]);
    }
  });

  it.each(SOURCES)('notes a value below the 100 s default in %s, and stays quiet at 100 and above', (source) => {
    expect(found(source, inEach('fsr.maxSwitchoverSeconds', '60')[source], 'vm-switchover-timeout')).toEqual([[written(source, '60'), 'info']]);
    expect(found(source, inEach('fsr.maxSwitchoverSeconds', '100')[source], 'vm-switchover-timeout')).toEqual([]);
    expect(found(source, inEach('fsr.maxSwitchoverSeconds', '200')[source], 'vm-switchover-timeout')).toEqual([]);
  });
});

describe('vm-static-mac-out-of-range', () => {
  it.each(SOURCES)('warns on a static MAC outside 00:50:56:00-3F in %s', (source) => {
    expect(found(source, inEach('ethernet0.address', '00:0c:29:12:34:56')[source], 'vm-static-mac-out-of-range')).toEqual([[written(source, '00:0c:29:12:34:56'), 'warning']]);
    expect(found(source, inEach('ethernet0.address', '00:50:56:40:00:01')[source], 'vm-static-mac-out-of-range')).toHaveLength(1);
  });

  it.each(SOURCES)('stays quiet inside the range in %s', (source) => {
    expect(found(source, inEach('ethernet0.address', '00:50:56:3f:ff:ff')[source], 'vm-static-mac-out-of-range')).toEqual([]);
  });

  it('stays quiet when the address is not used or the check is off', () => {
    expect(found('vmx', vmx('ethernet0.addressType = "generated"', 'ethernet0.address = "00:0c:29:12:34:56"'), 'vm-static-mac-out-of-range')).toEqual([]);
    expect(found('vmx', vmx('ethernet1.address = "00:0c:29:12:34:56"', 'ethernet1.checkMACAddress = "FALSE"'), 'vm-static-mac-out-of-range')).toEqual([]);
  });
});

describe('scripts: only the VM setting commands are read', () => {
  it('a shell script without govc vm.change, or with other govc commands, produces nothing', () => {
    const text = `#!/bin/bash
# devices.hotplug = "FALSE"
echo "disk.enableUUID=0" 'unterminated
govc vm.info -e k8s-worker-1
govc host.option.set devices.hotplug FALSE
sed -i 's/disk.EnableUUID = "TRUE"/disk.EnableUUID = "FALSE"/' node.vmx
`;
    expect(lintNamed('setup.sh', text)).toEqual([]);
  });

  it('a PowerShell script without advanced settings of VMs produces nothing', () => {
    const text = `# New-AdvancedSetting -Name devices.hotplug -Value FALSE
$name = 'devices.hotplug'
Write-Host "Set-AdvancedSetting -Value 0 is what we do not run
Get-VMHost esx01 | Get-AdvancedSetting -Name devices.hotplug | Set-AdvancedSetting -Value 0 -Confirm:$false
New-AdvancedSetting -Entity $vmhost -Name disk.EnableUUID -Value FALSE
New-AdvancedSetting -Entity (Get-Cluster prod) -Name devices.hotplug -Value $false
Get-AdvancedSetting -Entity $vm -Name 'disk.*' | Set-AdvancedSetting -Value FALSE
`;
    expect(lintNamed('setup.ps1', text)).toEqual([]);
  });

  it('reads govc with -e=, --e, quoted pairs, line continuations and several commands on a line', () => {
    const text = `#!/bin/sh
for vm in a b; do govc vm.change -vm "$vm" \\
    -e="disk.enableUUID=0" \\
    --e 'devices.hotplug=FALSE'; done
/usr/local/bin/govc vm.change -vm b -e virtualHW.version="13" && echo ok # -e scsi4.present=TRUE
`;
    const findings = lintNamed('setup.sh', text).map((f) => [f.ruleId, textOf(text, f)]);
    expect(findings).toEqual([
      ['vm-disk-uuid-disabled', '0'],
      ['vm-hotplug-disabled', 'FALSE'],
      ['vm-hardware-version-old', '13'],
    ]);
  });

  it('reads PowerCLI pipelines, abbreviated and colon-bound parameters, and positional arguments', () => {
    const text = `$vm = Get-VM k8s-worker-1
Get-AdvancedSetting -Entity $vm -Name devices.hotplug |
  Set-AdvancedSetting -Value 'FALSE' -Confirm:$false
Get-VM k8s-worker-2 | New-AdvancedSetting -N:disk.EnableUUID -Va 0 -Force
New-AdvancedSetting scsi1.virtualDev lsilogic $vm \`
  -Confirm:$false
`;
    const findings = lintNamed('setup.ps1', text).map((f) => [f.ruleId, textOf(text, f)]);
    expect(findings).toEqual([
      ['vm-hotplug-disabled', 'FALSE'],
      ['vm-disk-uuid-disabled', '0'],
      ['vm-non-pvscsi-controller', 'lsilogic'],
    ]);
  });
});

describe('vm-syntax', () => {
  it('reports .vmx lines that cannot be read, on the exact text', () => {
    const text = vmx('.encoding = "UTF-8"', 'devices.hotplug "TRUE"', 'disk.EnableUUID = "TRUE', ' = "x"', 'my key = "x"', 'memSize = "4096" extra', 'numvcpus = "2"', 'NumVCPUs = "4"', 'guestOS =', '# a comment', '', 'cpuid.coresPerSocket = 4 # bare values are read as written');
    const findings = ofRule(lintAs('vmx', text), 'vm-syntax');
    expect(findings.map((f) => [f.range.start.line + 1, textOf(text, f)])).toEqual([
      [2, 'devices.hotplug "TRUE"'],
      [3, '"TRUE'],
      [4, '='],
      [5, 'my key'],
      [6, 'extra'],
      [8, 'NumVCPUs'],
      [9, 'guestOS ='],
    ]);
    expect(findings[5]!.message).toContain('first on line 7');
  });

  it('reports a govc -e without key=value and an unclosed quote on a govc line', () => {
    const text = govc('hotplug', '"disk.enableUUID=1');
    const findings = ofRule(lintAs('govc', text), 'vm-syntax');
    expect(findings.map((f) => textOf(text, f))).toEqual(['hotplug', '"disk.enableUUID=1']);
  });

  it('reports an unclosed quote on a PowerCLI line, and a customVMXKeys that is not a map', () => {
    const ps = powercli('devices.hotplug', '"TRUE');
    expect(ofRule(lintAs('powercli', ps), 'vm-syntax')).toHaveLength(1);
    const yaml = capv('- devices.hotplug=TRUE');
    const findings = ofRule(lintAs('capv', yaml), 'vm-syntax');
    expect(findings.map((f) => textOf(yaml, f))).toEqual(['- devices.hotplug=TRUE\n']);
  });
});

describe('suppression comments work in .vmx files and scripts', () => {
  it('disable-next-line', () => {
    const text = vmx('# vsphere-csi-lint-disable-next-line vm-hotplug-disabled -- not a node', 'devices.hotplug = "FALSE"');
    expect(lintAs('vmx', text)).toEqual([]);
    const sh = `#!/bin/sh\n# vsphere-csi-lint-disable-next-line vm-disk-uuid-disabled -- test VM\ngovc vm.change -vm x -e disk.enableUUID=0\n`;
    expect(lintAs('govc', sh)).toEqual([]);
  });
});

describe('PowerCLI inside script blocks', () => {
  it('reads a New-AdvancedSetting inside ForEach-Object { ... }', () => {
    const text = 'Get-VM k8s-* | ForEach-Object { New-AdvancedSetting -Entity $_ -Name devices.hotplug -Value FALSE -Confirm:$false }\n';
    expect(lintNamed('nodes.ps1', text).map((f) => [f.ruleId, textOf(text, f)])).toEqual([['vm-hotplug-disabled', 'FALSE']]);
  });
});
