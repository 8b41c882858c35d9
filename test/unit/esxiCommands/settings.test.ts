// Host advanced settings: esxi-mem-share-force-salting, esxi-psp-latency-policy,
// esxi-team-policy-up-delay, esxi-scratch-location, esxi-tools-ramdisk, through esxcli,
// esxcfg-advcfg, PowerCLI, Get-EsxCli and kickstart %firstboot.
import { describe, expect, it } from 'vitest';
import { fixed, ks, only, ps1, sh, shown, suggested } from './helpers.js';

describe('esxi-mem-share-force-salting', () => {
  const rule = 'esxi-mem-share-force-salting';

  it('flags a value outside 0, 1, 2 at the value, in every command form', () => {
    const text = [
      'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 3',
      'esxcli system settings advanced set --option=/Mem/ShareForceSalting --int-value=7',
      'esxcfg-advcfg -s 5 /Mem/ShareForceSalting',
      '/bin/esxcli system settings advanced set -o "/Mem/ShareForceSalting" -i "-1"',
      '',
    ].join('\n');
    expect(shown(text, sh(text), rule)).toEqual([
      [1, '3', 'error'],
      [2, '7', 'error'],
      [3, '5', 'error'],
      [4, '-1', 'error'],
    ]);
    expect(only(sh(text), rule)[0]!.message).toContain('0, 1 or 2');
  });

  it('warns about 0 (inter-VM sharing for every VM)', () => {
    const text = 'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 0\n';
    const [finding] = only(sh(text), rule);
    expect(shown(text, [finding!], rule)).toEqual([[1, '0', 'warning']]);
    expect(finding!.message).toContain('between all VMs');
  });

  it('stays quiet for 1 and 2, reads, resets and variables', () => {
    const text = [
      'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2',
      'esxcfg-advcfg -s 1 /Mem/ShareForceSalting',
      'esxcfg-advcfg -g /Mem/ShareForceSalting',
      'esxcli system settings advanced set -o /Mem/ShareForceSalting -d',
      'esxcli system settings advanced set -o /Mem/ShareForceSalting -i "$SALTING"',
      '',
    ].join('\n');
    expect(shown(text, sh(text))).toEqual([]);
  });

  it('checks PowerCLI host pipelines and Get-EsxCli, not VM settings', () => {
    const text = [
      'Get-VMHost esx01* | Get-AdvancedSetting -Name Mem.ShareForceSalting | Set-AdvancedSetting -Value 4 -Confirm:$false',
      "Get-AdvancedSetting -Entity $vmhost -Name 'Mem.ShareForceSalting' | Set-AdvancedSetting -Value:9",
      "$esxcli.system.settings.advanced.set.Invoke(@{option = '/Mem/ShareForceSalting'; intvalue = 6})",
      'Get-VMHost | Get-AdvancedSetting -Name Mem.ShareForceSalting | Set-AdvancedSetting -Value 2',
      '',
    ].join('\n');
    expect(shown(text, ps1(text), rule)).toEqual([
      [1, '4', 'error'],
      [2, '9', 'error'],
      [3, '6', 'error'],
    ]);
  });

  it('checks kickstart %firstboot and %post, not the command section or python sections', () => {
    const text = [
      'vmaccepteula',
      'install --firstdisk --overwritevmfs',
      'network --bootproto=dhcp',
      '%post --interpreter=python',
      'os.system("esxcli system settings advanced set -o /Mem/ShareForceSalting -i 9")',
      '%firstboot --interpreter=busybox',
      'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 9',
      '',
    ].join('\n');
    expect(shown(text, ks(text), rule)).toEqual([[7, '9', 'error']]);
  });
});

describe('esxi-psp-latency-policy', () => {
  const rule = 'esxi-psp-latency-policy';
  it('errors outside 0/1 and warns for 0', () => {
    const text = ['esxcfg-advcfg -s 2 /Misc/EnablePSPLatencyPolicy', 'esxcli system settings advanced set -o /Misc/EnablePSPLatencyPolicy -i 0', ''].join('\n');
    expect(shown(text, sh(text), rule)).toEqual([
      [1, '2', 'error'],
      [2, '0', 'warning'],
    ]);
  });
  it('stays quiet for 1 and for reads', () => {
    const text = 'esxcfg-advcfg -s 1 /Misc/EnablePSPLatencyPolicy\nesxcfg-advcfg -g /Misc/EnablePSPLatencyPolicy\n';
    expect(shown(text, sh(text))).toEqual([]);
  });
  it('works in PowerShell and kickstart', () => {
    const p = 'Get-VMHost | Get-AdvancedSetting -Name Misc.EnablePSPLatencyPolicy | Set-AdvancedSetting -Value 5\n';
    expect(shown(p, ps1(p), rule)).toEqual([[1, '5', 'error']]);
    const k = '%firstboot\nesxcli system settings advanced set -o /Misc/EnablePSPLatencyPolicy -i 0\n';
    expect(shown(k, ks(k), rule)).toEqual([[2, '0', 'warning']]);
  });
});

describe('esxi-team-policy-up-delay', () => {
  const rule = 'esxi-team-policy-up-delay';
  it('warns when the value reads like seconds, with a suggestion in milliseconds', () => {
    const text = 'esxcli system settings advanced set -o /Net/TeamPolicyUpDelay -i 10\n';
    const [finding] = only(sh(text), rule);
    expect(shown(text, [finding!], rule)).toEqual([[1, '10', 'warning']]);
    expect(finding!.message).toContain('milliseconds');
    expect(finding!.fix).toBeUndefined();
    expect(suggested(text, finding!)).toBe('esxcli system settings advanced set -o /Net/TeamPolicyUpDelay -i 10000\n');
  });
  it('stays quiet for millisecond values, 0 and the default', () => {
    const text = ['esxcfg-advcfg -s 10000 /Net/TeamPolicyUpDelay', 'esxcfg-advcfg -s 100 /Net/TeamPolicyUpDelay', 'esxcfg-advcfg -s 0 /Net/TeamPolicyUpDelay', ''].join('\n');
    expect(shown(text, sh(text))).toEqual([]);
  });
  it('works in PowerShell script blocks and kickstart', () => {
    const p = 'Get-VMHost | ForEach-Object {\n  Get-AdvancedSetting -Entity $_ -Name Net.TeamPolicyUpDelay | Set-AdvancedSetting -Value 5 -Confirm:$false\n}\n';
    expect(shown(p, ps1(p), rule)).toEqual([[2, '5', 'warning']]);
    const k = '%firstboot --interpreter=busybox\nesxcfg-advcfg -s 5 /Net/TeamPolicyUpDelay\n';
    expect(shown(k, ks(k), rule)).toEqual([[2, '5', 'warning']]);
  });
});

describe('esxi-scratch-location', () => {
  const rule = 'esxi-scratch-location';
  it('warns about ramdisk and relative paths', () => {
    const text = [
      'esxcli system settings advanced set -o /ScratchConfig/ConfiguredScratchLocation -s /tmp/scratch',
      "esxcfg-advcfg -s 'datastore1/scratch' /ScratchConfig/ConfiguredScratchLocation",
      '',
    ].join('\n');
    expect(shown(text, sh(text), rule)).toEqual([
      [1, '/tmp/scratch', 'warning'],
      [2, 'datastore1/scratch', 'warning'],
    ]);
  });
  it('stays quiet for datastore directories', () => {
    const text = 'esxcli system settings advanced set -o /ScratchConfig/ConfiguredScratchLocation -s /vmfs/volumes/datastore1/.locker-esx01\n';
    expect(shown(text, sh(text))).toEqual([]);
    const p = "Get-VMHost esx01 | Get-AdvancedSetting -Name ScratchConfig.ConfiguredScratchLocation | Set-AdvancedSetting -Value '/tmp'\n";
    expect(shown(p, ps1(p), rule)).toEqual([[1, '/tmp', 'warning']]);
  });
});

describe('esxi-tools-ramdisk', () => {
  const rule = 'esxi-tools-ramdisk';
  const text = 'esxcli system settings advanced set -o /UserVars/ToolsRamdisk -i 1\n';
  it('warns on 7.0 and later (vsphere.version)', () => {
    expect(shown(text, sh(text, 'vsphere:\n  version: "7.0U3"\n'), rule)).toEqual([[1, '/UserVars/ToolsRamdisk', 'warning']]);
  });
  it('stays quiet on 6.7 and without a version', () => {
    expect(shown(text, sh(text, 'vsphere:\n  version: "6.7U3"\n'), rule)).toEqual([]);
    expect(shown(text, sh(text), rule)).toEqual([]);
  });
});

describe('esxi-advanced-option-name', () => {
  const rule = 'esxi-advanced-option-name';
  it('fixes a dotted name after esxcli -o and a missing leading slash', () => {
    const text = 'esxcli system settings advanced set -o Mem.ShareForceSalting -i 2\nesxcfg-advcfg -g Misc/EnablePSPLatencyPolicy\n';
    const findings = only(sh(text), rule);
    expect(shown(text, findings, rule)).toEqual([
      [1, 'Mem.ShareForceSalting', 'error'],
      [2, 'Misc/EnablePSPLatencyPolicy', 'error'],
    ]);
    expect(fixed(text, findings[0]!)).toBe('esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2\nesxcfg-advcfg -g Misc/EnablePSPLatencyPolicy\n');
    expect(fixed(text, findings[1]!)).toBe('esxcli system settings advanced set -o Mem.ShareForceSalting -i 2\nesxcfg-advcfg -g /Misc/EnablePSPLatencyPolicy\n');
  });
  it('fixes a path after PowerCLI -Name', () => {
    const text = 'Get-VMHost | Get-AdvancedSetting -Name /Net/TeamPolicyUpDelay | Set-AdvancedSetting -Value 10000\n';
    const [finding] = only(ps1(text), rule);
    expect(shown(text, [finding!], rule)).toEqual([[1, '/Net/TeamPolicyUpDelay', 'error']]);
    expect(fixed(text, finding!)).toBe(text.replace('/Net/TeamPolicyUpDelay', 'Net.TeamPolicyUpDelay'));
  });
  it('suggests the known setting for a near miss, and leaves other settings alone', () => {
    const text = ['esxcli system settings advanced set -o /Mem/ShareForceSalt -i 2', 'esxcli system settings advanced set -o /Net/ShareForceSalting -i 2', 'esxcli system settings advanced set -o /Net/Vmxnet3HwLRO -i 0', ''].join('\n');
    const findings = only(sh(text), rule);
    expect(shown(text, findings, rule)).toEqual([
      [1, '/Mem/ShareForceSalt', 'warning'],
      [2, '/Net/ShareForceSalting', 'warning'],
    ]);
    expect(findings[0]!.fix).toBeUndefined();
    expect(suggested(text, findings[0]!).split('\n')[0]).toBe('esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2');
  });
  it('accepts a known setting in other letter case', () => {
    const text = 'esxcli system settings advanced set -o /mem/shareforcesalting -i 2\n';
    expect(shown(text, sh(text), rule)).toEqual([]);
  });
});

describe('esxi-advanced-value-type', () => {
  const rule = 'esxi-advanced-value-type';
  it('fixes -s for an integer setting and -i for a string setting', () => {
    const text = ['esxcli system settings advanced set -o /Mem/ShareForceSalting -s 2', 'esxcli system settings advanced set -o /ScratchConfig/ConfiguredScratchLocation --int-value=5', ''].join('\n');
    const findings = only(sh(text), rule);
    expect(shown(text, findings, rule)).toEqual([
      [1, '-s', 'warning'],
      [2, '--int-value', 'warning'],
    ]);
    expect(fixed(text, findings[0]!)).toBe(text.replace('-s 2', '-i 2'));
    expect(fixed(text, findings[1]!)).toBe(text.replace('--int-value=5', '--string-value=5'));
  });
  it('flags a non-number after -i and a set without a value', () => {
    const text = 'esxcli system settings advanced set -o /Net/TeamPolicyUpDelay -i 10s\nesxcli system settings advanced set -o /Net/TeamPolicyUpDelay\n';
    expect(shown(text, sh(text), rule)).toEqual([
      [1, '10s', 'warning'],
      [2, 'set', 'warning'],
    ]);
  });
  it('stays quiet for right types, unknown settings with -s, and esxcfg-advcfg numbers', () => {
    const text = ['esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2', 'esxcli system settings advanced set -o /Misc/HostName -s esx01', 'esxcfg-advcfg -s 10000 /Net/TeamPolicyUpDelay', ''].join('\n');
    expect(shown(text, sh(text))).toEqual([]);
  });
});
