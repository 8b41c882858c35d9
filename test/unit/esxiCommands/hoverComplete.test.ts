// Hovers and completion of the ESXi command support, and the safety of its fixes.
import { describe, expect, it } from 'vitest';
import { esxiCommandsSupport } from '../../../server/src/service/fragments/esxiCommands/index.js';
import { defaultConfig, type FileLanguage } from '../../../server/src/service/index.js';
import { fixed, lintFile, service } from './helpers.js';

function fragmentOf(text: string, language: FileLanguage) {
  return esxiCommandsSupport.fromFile!(text, language)[0]!.fragment;
}

function hoverAt(text: string, needle: string, language: FileLanguage = 'shell', delta = 1) {
  const offset = text.indexOf(needle) + delta;
  return esxiCommandsSupport.hover!(fragmentOf(text, language), offset, defaultConfig());
}

function completeAt(text: string, offset: number, language: FileLanguage = 'shell') {
  return esxiCommandsSupport.complete!(fragmentOf(text, language), offset, defaultConfig());
}

describe('hover', () => {
  it('explains a setting with its values and post, on the option and the value', () => {
    const text = 'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 1\n';
    const onOption = hoverAt(text, '/Mem/');
    expect(onOption?.contents).toContain('Mem.ShareForceSalting');
    expect(onOption?.contents).toContain('TIL: Transparent Page Sharing (TPS) between VMs is disabled by default');
    expect(onOption?.contents).toContain("Rakhesh Sasidharan's blog, undated");
    expect(text.slice(...onOption!.span)).toBe('/Mem/ShareForceSalting');
    const onValue = hoverAt(text, ' 1\n');
    expect(onValue?.contents.startsWith('`1`: inter-VM sharing by default')).toBe(true);
  });

  it('labels the TeamPolicyUpDelay unit as coming from outside the post, and explains the trade-off', () => {
    const text = 'esxcfg-advcfg -s 10000 /Net/TeamPolicyUpDelay\n';
    const contents = hoverAt(text, '/Net/')!.contents;
    expect(contents).toContain('milliseconds according to VMware’s knowledge base');
    expect(contents).toContain('the post gives no unit');
    expect(contents).toContain('per-host setting');
    expect(contents).toContain('vSphere design : ESXi protection against network port flapping');
  });

  it('covers vmkping sizes, systemMediaSize, image profiles, i40en and PowerCLI', () => {
    expect(hoverAt('vmkping -d -s 8972 10.0.0.1\n', '8972')?.contents).toContain('1472 for 1500');
    expect(hoverAt('kernelopt=systemMediaSize=min\n', 'systemMedia', 'kickstart')?.contents).toContain('`small`: 55 GB');
    const profile = hoverAt('esxcli software profile update -d /d.zip -p ESXi-5.5.0-20140902001s-standard\n', 'ESXi-5');
    expect(profile?.contents).toContain('security fixes only');
    expect(hoverAt('esxcli system module parameters set -m i40en -p LLDP=0,0\n', 'i40en')?.contents).toContain('consumes LLDP frames');
    const ps = 'Get-VMHost | Get-AdvancedSetting -Name Misc.EnablePSPLatencyPolicy | Set-AdvancedSetting -Value 1\n';
    expect(hoverAt(ps, 'Misc.', 'powershell')?.contents).toContain('Enhanced Load Balancing Path Selection Policy');
  });

  it('has nothing to say outside host commands', () => {
    const text = 'echo /Mem/ShareForceSalting\nesxcli system settings advanced set -o /Mem/ShareForceSalting -i 2\n';
    expect(hoverAt(text, 'echo')).toBeUndefined();
    expect(hoverAt(text, '/Mem/')).toBeUndefined();
  });
});

describe('completion', () => {
  it('offers setting paths after -o, replacing what is typed', () => {
    const text = 'esxcli system settings advanced set -o ';
    const items = completeAt(text, text.length);
    expect(items.map((i) => i.label)).toContain('/Mem/ShareForceSalting');
    expect(items[0]!.replace).toEqual([text.length, text.length]);
    const typed = 'esxcli system settings advanced set -o /Mem/Sh -i 2\n';
    const partial = completeAt(typed, typed.indexOf('/Sh') + 3);
    expect(partial[0]!.replace).toEqual([typed.indexOf('/Mem'), typed.indexOf(' -i')]);
  });
  it('offers dotted names after PowerCLI -Name and paths for esxcfg-advcfg', () => {
    const ps = 'Get-VMHost | Get-AdvancedSetting -Name ';
    expect(completeAt(ps, ps.length, 'powershell').map((i) => i.label)).toContain('Net.TeamPolicyUpDelay');
    const advcfg = 'esxcfg-advcfg -g ';
    expect(completeAt(advcfg, advcfg.length).map((i) => i.label)).toContain('/Misc/EnablePSPLatencyPolicy');
  });
  it('offers known values, media sizes and ping sizes', () => {
    const value = 'esxcli system settings advanced set -o /Mem/ShareForceSalting -i ';
    expect(completeAt(value, value.length).map((i) => i.label)).toEqual(['0', '1', '2']);
    const boot = 'kernelopt=systemMediaSize=';
    expect(completeAt(boot, boot.length, 'kickstart').map((i) => i.label)).toEqual(['min', 'small', 'default', 'max']);
    const ping = 'vmkping -d -s ';
    expect(completeAt(ping, ping.length).map((i) => i.label)).toEqual(['1472', '1572', '8972']);
  });
  it('offers nothing elsewhere', () => {
    expect(completeAt('echo -o ', 8)).toEqual([]);
    expect(completeAt('esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2\n', 5)).toEqual([]);
  });
});

describe('fixes', () => {
  const broken: Record<string, string> = {
    'host.sh': [
      'esxcli system settings advanced set -o Mem.ShareForceSalting -s 2',
      'esxcfg-advcfg -g Misc/EnablePSPLatencyPolicy',
      'vmkping -I vmk1 -d -s 9000 10.20.12.12',
      'vmkping -I vmk1 -s 8972 10.20.12.12',
      '',
    ].join('\n'),
    'boot.cfg': 'kernelopt=runweasel systemMediaSize=MAX\n',
    'host.ps1': 'Get-VMHost | Get-AdvancedSetting -Name /Mem/ShareForceSalting | Set-AdvancedSetting -Value 2\n',
  };
  it.each(Object.entries(broken))('%s: each fix changes only its own bytes and removes its finding', (name, text) => {
    const findings = lintFile(name, text).filter((f) => f.fix);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      const after = fixed(text, finding);
      const edit = finding.fix!.edits[0]!;
      expect(after.slice(0, edit.start)).toBe(text.slice(0, edit.start));
      expect(after.slice(edit.start + edit.newText.length)).toBe(text.slice(edit.end));
      const again = lintFile(name, after);
      expect(again.filter((f) => f.ruleId === finding.ruleId && f.start === finding.start)).toEqual([]);
      expect(service.parse({ uri: `file:///ws/${name}`, text: after }).fragments.length).toBeGreaterThan(0);
    }
  });
  it('applyFixes applies them all in one pass', () => {
    const text = broken['host.sh']!;
    const findings = lintFile('host.sh', text);
    const result = service.applyFixes('file:///ws/host.sh', text, findings);
    expect(result.text).toBe(
      [
        'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2',
        'esxcfg-advcfg -g /Misc/EnablePSPLatencyPolicy',
        'vmkping -I vmk1 -d -s 8972 10.20.12.12',
        'vmkping -I vmk1 -d -s 8972 10.20.12.12',
        '',
      ].join('\n'),
    );
  });
});
