// The four readers of node VM settings: what they take from the text and where it sits.
import { describe, expect, it } from 'vitest';
import { parseVmx } from '../../../server/src/service/fragments/vmSettings/parseVmx.js';
import { parseGovc } from '../../../server/src/service/fragments/vmSettings/parseGovc.js';
import { parsePowerCli } from '../../../server/src/service/fragments/vmSettings/parsePowerCli.js';
import type { VmSetting } from '../../../server/src/service/fragments/vmSettings/model.js';
import { service } from '../../helpers/lint.js';
import { capv } from './helpers.js';

const show = (text: string, entries: VmSetting[]) =>
  entries.map((e) => ({ key: text.slice(e.keySpan[0], e.keySpan[1]), value: e.value, at: text.slice(e.valueSpan[0], e.valueSpan[1]), vm: e.vmName, string: e.valueIsString, style: e.valueStyle }));

describe('.vmx', () => {
  it('reads keys and quoted values with their spans, through a BOM, CRLF, blanks, comments and # inside quotes', () => {
    const text = '\uFEFF.encoding = "UTF-8"\r\n# comment\r\n\r\n  displayName="k8s #1"  # trailing\r\nscsi0:0.fileName = "node.vmdk"';
    const { settings, problems } = parseVmx(text);
    expect(problems).toEqual([]);
    expect(show(text, settings.entries).map(({ key, value, at }) => [key, value, at])).toEqual([
      ['.encoding', 'UTF-8', '"UTF-8"'],
      ['displayName', 'k8s #1', '"k8s #1"'],
      ['scsi0:0.fileName', 'node.vmdk', '"node.vmdk"'],
    ]);
    expect(settings.complete).toBe(false);
    expect(parseVmx('virtualHW.version = "19"\n').settings.complete).toBe(true);
  });

  it('never throws and keeps spans inside the text on odd input', () => {
    for (const text of ['', '=', '"', '= "', 'a = "', '\n\n=\n', 'a=b=c', 'a = "x" "y"', '\r', 'a = |22x|22']) {
      const { settings, problems } = parseVmx(text);
      for (const e of settings.entries) for (const [s, t] of [e.keySpan, e.valueSpan]) expect(s <= t && t <= text.length).toBe(true);
      for (const p of problems) expect(p.start <= p.end && p.end <= text.length).toBe(true);
    }
  });
});

describe('govc', () => {
  it('reads -e pairs with the VM name, and skips keys only known at run time', () => {
    const text = 'govc vm.change -vm="$VM" -e "$KEY=1" -e disk.enableUUID=\'1\' -e=tools.syncTime=FALSE -e guestinfo.x="a b"\n';
    const { entries, problems } = parseGovc(text);
    expect(problems).toEqual([]);
    expect(show(text, entries).map(({ key, value, at, vm, style }) => [key, value, at, vm, style])).toEqual([
      ['disk.enableUUID', '1', '1', '"$VM"', 'word'],
      ['tools.syncTime', 'FALSE', 'FALSE', '"$VM"', 'word'],
      ['guestinfo.x', 'a b', 'a b', '"$VM"', 'word'],
    ]);
  });

  it('reads nothing from other commands, comments or other govc subcommands', () => {
    expect(parseGovc('# govc vm.change -e disk.enableUUID=0\ngovc vm.power -on x\necho govc vm.change\n').entries).toEqual([]);
  });

  it('treats a here-document body as data, and reads the command after it', () => {
    const text = "cat > notes.txt <<'EOF'\ngovc vm.change -vm x -e disk.enableUUID=0\nEOF\ngovc vm.change -vm y -e devices.hotplug=FALSE\n";
    expect(parseGovc(text).entries.map((e) => [e.key, e.value])).toEqual([['devices.hotplug', 'FALSE']]);
  });
});

describe('PowerCLI', () => {
  it('reads values as PowerShell passes them', () => {
    const text = [
      "New-AdvancedSetting -Entity $vm -Name 'tools.syncTime' -Value $False",
      'New-AdvancedSetting -Entity $vm -Name fsr.maxSwitchoverSeconds -Value 200',
      'New-AdvancedSetting -Entity $vm -Name sched.mem.pshare.salt -Value "it""s"',
      'New-AdvancedSetting -Entity $vm -Name guestinfo.x -Value "$env:USER"',
    ].join('\n');
    const { entries } = parsePowerCli(text);
    expect(show(text, entries).map(({ key, value, at, string, style }) => [key, value, at, string, style])).toEqual([
      ['tools.syncTime', 'False', '$False', false, 'word'],
      ['fsr.maxSwitchoverSeconds', '200', '200', false, 'word'],
      ['sched.mem.pshare.salt', 'it"s', 'it""s', true, 'none'],
      ['guestinfo.x', undefined, '$env:USER', true, 'none'],
    ]);
  });

  it('skips block comments and host entities', () => {
    const text = '<#\nNew-AdvancedSetting -Entity $vm -Name devices.hotplug -Value FALSE\n#>\nGet-VMHost | New-AdvancedSetting -Name devices.hotplug -Value FALSE\n';
    expect(parsePowerCli(text).entries).toEqual([]);
  });
});

describe('Cluster API objects', () => {
  it('reads customVMXKeys of each object in a multi-document file, with YAML node spans', () => {
    const text = `${capv('disk.EnableUUID: "TRUE"', 'virtualHW.version: 19')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n${capv("devices.hotplug: 'FALSE'")}`;
    const parsed = service.parse({ uri: 'file:///ws/c.yaml', text });
    const fragments = parsed.fragments.filter((f) => f.support === 'vm-settings');
    expect(fragments).toHaveLength(2);
    const entries = fragments.flatMap((f) => (f.fragment.parsed as { entries: VmSetting[] }).entries);
    expect(show(text, entries).map(({ key, at, string, style }) => [key, at, string, style])).toEqual([
      ['disk.EnableUUID', '"TRUE"', true, 'yaml-double'],
      ['virtualHW.version', '19', false, 'yaml-plain'],
      ['devices.hotplug', "'FALSE'", true, 'yaml-single'],
    ]);
    expect(fragments[0]!.fragment.owner?.kind).toBe('VSphereMachineTemplate');
  });

  it('has no fragment for objects without customVMXKeys', () => {
    const text = capv('x: "y"').replace(/      customVMXKeys:\n.*\n/, '');
    expect(service.parse({ uri: 'file:///ws/c.yaml', text }).fragments).toEqual([]);
  });
});
