// The command scanner: only host commands are read, with exact spans through quotes, escapes,
// continuations, nested ssh strings, PowerShell pipelines and kickstart sections.
import { describe, expect, it } from 'vitest';
import { scanEsxiCommands } from '../../../server/src/service/fragments/esxiCommands/index.js';
import type { AdvancedSettingCommand } from '../../../server/src/service/fragments/esxiCommands/model.js';
import { ids, ks, ps1, sh, shown } from './helpers.js';

const settingOf = (text: string, language: 'shell' | 'powershell' | 'kickstart' = 'shell') =>
  scanEsxiCommands(text, language).scan.commands.filter((c): c is AdvancedSettingCommand => c.kind === 'advanced-setting');

describe('what is never read', () => {
  it('unrelated shell lines, comments, echo, grep, variables and here-documents produce nothing', () => {
    const text = [
      '#!/bin/sh',
      '# esxcli system settings advanced set -o /Mem/ShareForceSalting -i 9',
      'echo "esxcli system settings advanced set -o /Mem/ShareForceSalting -i 9"',
      "echo 'vmkping -d -s 9000 10.0.0.1'",
      'grep esxcli /var/log/shell.log | grep ShareForceSalting',
      'CMD="esxcli system settings advanced set -o Mem.ShareForceSalting -s 9"',
      'printf "%s\\n" vmkping -d -s 9000',
      'cat > /etc/rc.local.d/local.sh <<EOF',
      'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 9',
      'vmkping -d -s 9000 10.0.0.1',
      'EOF',
      "cat <<-'END'",
      '\tesxcli software profile update -p x',
      '\tEND',
      'kernelopt=systemMediaSize=huge',
      'esxcli network nic down -n vmnic2',
      'esxcli system settings advanced set -o /Misc/HostName -s esx01',
      '',
    ].join('\n');
    expect(shown(text, sh(text))).toEqual([]);
    expect(scanEsxiCommands(text, 'shell').scan.commands.map((c) => c.kind)).toEqual(['advanced-setting']);
  });

  it('unrelated PowerShell lines and VM settings produce nothing', () => {
    const text = [
      '# esxcli system settings advanced set -o /Mem/ShareForceSalting -i 9',
      '<# Get-VMHost | Get-AdvancedSetting -Name Mem.ShareForceSalting | Set-AdvancedSetting -Value 9 #>',
      'Write-Host "esxcli system settings advanced set -o /Mem/ShareForceSalting -i 9"',
      '$vm = Get-VM -Name k8s-worker-01',
      'New-AdvancedSetting -Entity $vm -Name fsr.maxSwitchoverSeconds -Value 200 -Confirm:$false',
      'Get-AdvancedSetting -Entity $vm -Name sched.mem.pshare.salt | Set-AdvancedSetting -Value "md-0" -Confirm:$false',
      'Get-VMHost | Get-VM | Get-AdvancedSetting -Name Net.TeamPolicyUpDelays',
      '',
    ].join('\n');
    expect(shown(text, ps1(text))).toEqual([]);
    expect(scanEsxiCommands(text, 'powershell').scan.commands).toEqual([]);
  });

  it('kickstart command section lines are not shell', () => {
    const text = 'vmaccepteula\nrootpw --iscrypted $6$x\nnetwork --bootproto=dhcp --device=vmnic0\nreboot\n';
    expect(scanEsxiCommands(text, 'kickstart').scan.commands).toEqual([]);
    expect(shown(text, ks(text))).toEqual([]);
  });
});

describe('spans', () => {
  it('point inside quotes and survive continuations', () => {
    const text = 'esxcli system settings advanced set \\\n  -o "/Mem/ShareForceSalting" \\\n  -i \'9\'\n';
    const [command] = settingOf(text);
    expect(text.slice(command!.option!.start, command!.option!.end)).toBe('/Mem/ShareForceSalting');
    expect(command!.option!.exact).toBe(true);
    expect(text.slice(command!.value!.start, command!.value!.end)).toBe('9');
    expect(shown(text, sh(text))).toEqual([[3, '9', 'error']]);
  });

  it('fall back to the whole word when escapes make it inexact, and no fix is offered', () => {
    const text = 'esxcli system settings advanced set -o Mem.Share\\ForceSalting -i 2\n';
    const [command] = settingOf(text);
    expect(command!.option!.text).toBe('Mem.ShareForceSalting');
    expect(command!.option!.exact).toBe(false);
    const findings = sh(text).filter((f) => f.ruleId === 'esxi-advanced-option-name');
    expect(findings.map((f) => [text.slice(f.start, f.end), f.fix])).toEqual([['Mem.Share\\ForceSalting', undefined]]);
  });

  it('map a command run through ssh, sh -c and sudo', () => {
    const text = [
      'ssh -p 22 root@esx01 "esxcli system settings advanced set -o /Mem/ShareForceSalting -i 9"',
      "sh -c 'esxcfg-advcfg -s 8 /Mem/ShareForceSalting'",
      'sudo -u root esxcli system settings advanced set -o /Mem/ShareForceSalting -i 7',
      'ssh root@esx01 esxcli system settings advanced set -o /Mem/ShareForceSalting -i 6',
      'if esxcli system settings advanced set -o /Mem/ShareForceSalting -i 5; then echo ok; fi',
      '',
    ].join('\n');
    expect(shown(text, sh(text))).toEqual([
      [1, '9', 'error'],
      [2, '8', 'error'],
      [3, '7', 'error'],
      [4, '6', 'error'],
      [5, '5', 'error'],
    ]);
  });

  it('read esxcli global options before the namespace', () => {
    const text = 'esxcli --server=vc01 -u root -p secret -h esx01 --debug system settings advanced set -o /Mem/ShareForceSalting -i 4\n';
    expect(shown(text, sh(text))).toEqual([[1, '4', 'error']]);
  });

  it('PowerShell: backtick continuations, -Param:value, prefixes and parenthesised entities', () => {
    const text = [
      'Get-AdvancedSetting -Entity (Get-VMHost esx01) -Name Mem.ShareForceSalting |',
      '  Set-AdvancedSetting -Val 3 `',
      '  -Confirm:$false',
      '',
    ].join('\n');
    expect(shown(text, ps1(text))).toEqual([[2, '3', 'error']]);
  });
});

describe('esxi-command-syntax', () => {
  const rule = 'esxi-command-syntax';
  it('reports an option without its value and an unclosed quote, only in recognised commands', () => {
    const text = ['esxcli system settings advanced set -o /Mem/ShareForceSalting -i', 'echo "unclosed is fine here', ''].join('\n');
    expect(shown(text, sh(text), rule)).toEqual([[1, '-i', 'error']]);
    const open = 'esxcli system settings advanced set -o "/Mem/ShareForceSalting -i 2\n';
    expect(shown(open, sh(open), rule)).toEqual([[1, '"', 'error']]);
    const advcfg = 'esxcfg-advcfg -s 2\n';
    expect(ids(sh(advcfg))).toEqual([rule]);
  });
  it('stays quiet on complete commands', () => {
    const text = 'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2\nvmkping -I vmk1 -d -s 1472 10.0.0.1\n';
    expect(shown(text, sh(text), rule)).toEqual([]);
  });
});

describe('PowerCLI host detection', () => {
  it('reads pipelines fed from host variables and Get-VMHost script blocks, not VM ones', () => {
    const text = [
      '$hosts = Get-Cluster k8s | Get-VMHost',
      '$hosts | Get-AdvancedSetting -Name Mem.ShareForceSalt | Set-AdvancedSetting -Value 2',
      '$vms | Get-AdvancedSetting -Name Mem.ShareForceSalt | Set-AdvancedSetting -Value 2',
      'Get-VMHost | ForEach-Object { Get-AdvancedSetting -Entity $_ -Name /Mem/ShareForceSalting | Set-AdvancedSetting -Value 2 }',
      'Get-VM | ForEach-Object { Get-AdvancedSetting -Entity $_ -Name /Mem/ShareForceSalt | Set-AdvancedSetting -Value 2 }',
      '',
    ].join('\n');
    expect(shown(text, ps1(text))).toEqual([
      [2, 'Mem.ShareForceSalt', 'warning'],
      [4, '/Mem/ShareForceSalting', 'error'],
    ]);
  });
});
