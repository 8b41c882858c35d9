// Hovers and completion for node VM settings.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../server/src/service/index.js';
import { service } from '../../helpers/lint.js';
import { capv, FILE_NAMES, govc, powercli, vmx, type Source } from './helpers.js';

const support = service.registry.fragmentSupports.get('vm-settings')!;

function fragmentOf(source: Source, text: string) {
  const parsed = service.parse({ uri: `file:///ws/${FILE_NAMES[source]}`, text });
  const found = parsed.fragments.find((f) => f.support === 'vm-settings');
  if (!found) throw new Error('no vm-settings fragment');
  return found.fragment;
}

function hoverAt(source: Source, text: string, needle: string, delta = 1) {
  const offset = text.indexOf(needle) + delta;
  return support.hover!(fragmentOf(source, text), offset, defaultConfig());
}

describe('hover', () => {
  it('explains fsr.maxSwitchoverSeconds with its 100 s default and cites the post', () => {
    const text = vmx('fsr.maxSwitchoverSeconds = "200"');
    const hover = hoverAt('vmx', text, 'fsr.')!;
    expect(hover.contents).toContain('Default: 100 s');
    expect(hover.contents).toContain('RJAPPROVES');
    expect(hover.contents).toContain('undated');
    expect(text.slice(hover.span[0], hover.span[1])).toBe('fsr.maxSwitchoverSeconds');
  });

  it('explains sched.mem.pshare.salt, tools.syncTime and static MACs, in every source', () => {
    expect(hoverAt('capv', capv('sched.mem.pshare.salt: "md-0"'), 'sched.')!.contents).toContain('Mem.ShareForceSalting');
    expect(hoverAt('govc', govc('tools.syncTime=FALSE'), 'tools.')!.contents).toContain('periodic');
    const ps = powercli('ethernet0.address', '"00:50:56:01:02:03"');
    const hover = hoverAt('powercli', ps, '00:50', 0)!;
    expect(hover.contents).toContain('00:50:56:3F:FF:FF');
    expect(ps.slice(hover.span[0], hover.span[1])).toBe('00:50:56:01:02:03');
  });

  it('explains the CSI-critical keys with the driver as source', () => {
    const disk = hoverAt('vmx', vmx('disk.EnableUUID = "TRUE"'), 'disk')!.contents;
    expect(disk).toContain('wwn-0x');
    expect(disk).toContain('linux_os_utils.go');
    expect(hoverAt('vmx', vmx('devices.hotplug = "TRUE"'), 'devices')!.contents).toContain('Kubernetes vSphere CSI Driver');
    expect(hoverAt('vmx', vmx('scsi2.virtualDev = "pvscsi"'), 'scsi2')!.contents).toContain('by 15');
  });

  it('has nothing for unknown keys, comments and blank space', () => {
    const text = vmx('# disk.EnableUUID', 'memSize = "4096"', '');
    expect(hoverAt('vmx', text, 'disk')).toBeUndefined();
    expect(hoverAt('vmx', text, 'memSize')).toBeUndefined();
    expect(support.hover!(fragmentOf('vmx', text), text.length, defaultConfig())).toBeUndefined();
  });
});

describe('completion in .vmx files', () => {
  const complete = (text: string, offset = text.length) => support.complete!(fragmentOf('vmx', text), offset, defaultConfig());

  it('offers known keys at the start of a line, with a value, replacing what was typed', () => {
    const text = 'virtualHW.version = "19"\ndisk';
    const items = complete(text);
    const item = items.find((i) => i.label === 'disk.EnableUUID')!;
    expect(item.insertText).toBe('disk.EnableUUID = "TRUE"');
    expect(item.replace).toEqual([text.length - 4, text.length]);
    expect(items.some((i) => i.label === 'virtualHW.version')).toBe(false); // already set
    expect(items.find((i) => i.label === 'fsr.maxSwitchoverSeconds')!.documentation).toContain('100 s');
  });

  it('offers only the key when the line already has a value', () => {
    const text = 'dev = "TRUE"\n';
    const item = complete(text, 3).find((i) => i.label === 'devices.hotplug')!;
    expect(item.insertText).toBe('devices.hotplug');
    expect(item.replace).toEqual([0, 3]);
  });

  it('offers TRUE/FALSE inside the quotes of a switch, and controller types for virtualDev', () => {
    const text = 'disk.EnableUUID = "T"\n';
    const items = complete(text, text.indexOf('T"'));
    expect(items.map((i) => i.label)).toEqual(['TRUE', 'FALSE']);
    expect(items[0]!.replace).toEqual([text.indexOf('"') + 1, text.indexOf('T"') + 1]);
    const bare = 'scsi1.virtualDev = ';
    const types = complete(bare);
    expect(types.map((i) => i.label)).toContain('pvscsi');
    expect(types[0]!.insertText).toBe('"pvscsi"');
  });

  it('offers nothing in comments, for unknown keys, and outside .vmx files', () => {
    expect(complete('# dis')).toEqual([]);
    expect(complete('memSize = "')).toEqual([]);
    const yaml = capv('disk.EnableUUID: "TRUE"');
    expect(support.complete!(fragmentOf('capv', yaml), yaml.indexOf('TRUE'), defaultConfig())).toEqual([]);
  });
});
