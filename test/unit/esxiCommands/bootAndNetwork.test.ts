// esxi-system-media-size, esxi-vmkping-payload-size, esxi-vmkping-fragmentation, esxi-i40en-lldp.
import { describe, expect, it } from 'vitest';
import { bootCfg, fixed, ks, only, ps1, sh, shown, suggested } from './helpers.js';

describe('esxi-system-media-size', () => {
  const rule = 'esxi-system-media-size';
  it('errors on an unknown value in boot.cfg kernelopt, pointing at the value, listing the sizes', () => {
    const text = 'bootstate=0\ntitle=Loading ESXi installer\nkernel=/b.b00\nkernelopt=runweasel ks=cdrom:/KS.CFG systemMediaSize=huge\nmodules=/jumpstrt.gz --- /useropts.gz\n';
    const [finding] = only(bootCfg(text), rule);
    expect(shown(text, [finding!], rule)).toEqual([[4, 'huge', 'error']]);
    expect(finding!.message).toContain('min (25 GB), small (55 GB), default (138 GB, the default behaviour), max (all available space)');
  });
  it('suggests the name for a size in GB', () => {
    const text = 'kernelopt=systemMediaSize=55GB\n';
    const [finding] = only(bootCfg(text), rule);
    expect(shown(text, [finding!], rule)).toEqual([[1, '55GB', 'error']]);
    expect(suggested(text, finding!)).toBe('kernelopt=systemMediaSize=small\n');
  });
  it('fixes capitals to lower case (warning) and reports a missing value', () => {
    const text = 'kernelopt=runweasel systemMediaSize=Small\r\nkernelopt=systemMediaSize= ks=usb\n';
    const findings = only(bootCfg(text), rule);
    expect(shown(text, findings, rule)).toEqual([
      [1, 'Small', 'warning'],
      [2, 'systemMediaSize', 'error'],
    ]);
    expect(fixed(text, findings[0]!)).toBe(text.replace('Small', 'small'));
  });
  it('stays quiet for the four values, and in kickstart only reads kernelopt lines outside sections', () => {
    const good = ['min', 'small', 'default', 'max'].map((v) => `kernelopt=runweasel systemMediaSize=${v}`).join('\n');
    expect(shown(good, bootCfg(good))).toEqual([]);
    const text = '# systemMediaSize=huge in a comment\nkernelopt=systemMediaSize=tiny\n%firstboot\necho systemMediaSize=huge\n';
    expect(shown(text, ks(text), rule)).toEqual([[2, 'tiny', 'error']]);
  });
  it('is not read from shell scripts', () => {
    const text = 'kernelopt=systemMediaSize=huge\n';
    expect(shown(text, sh(text))).toEqual([]);
  });
});

describe('esxi-vmkping-payload-size', () => {
  const rule = 'esxi-vmkping-payload-size';
  it('flags the MTU used as payload, with a fix to MTU - 28', () => {
    const text = ['vmkping -I vmk1 -d -s 9000 10.20.12.12', 'vmkping -d -s 1500 10.0.0.1', 'vmkping -ds 1600 10.0.0.1', 'vmkping -d -s 9100 10.0.0.1', ''].join('\n');
    const findings = only(sh(text), rule);
    expect(shown(text, findings, rule)).toEqual([
      [1, '9000', 'warning'],
      [2, '1500', 'warning'],
      [3, '1600', 'warning'],
      [4, '9100', 'warning'],
    ]);
    expect(fixed(text, findings[0]!).split('\n')[0]).toBe('vmkping -I vmk1 -d -s 8972 10.20.12.12');
    expect(fixed(text, findings[1]!).split('\n')[1]).toBe('vmkping -d -s 1472 10.0.0.1');
    expect(fixed(text, findings[2]!).split('\n')[2]).toBe('vmkping -ds 1572 10.0.0.1');
    expect(findings[0]!.message).toContain('9028 bytes');
  });
  it('stays quiet for sizes that fit, without -d (other rule), IPv6 and variables', () => {
    const text = ['vmkping -d -s 8972 10.0.0.1', 'vmkping -d -s 1472 10.0.0.1', 'vmkping -d -s 4000 10.0.0.1', 'vmkping -s 1500 10.0.0.1', 'vmkping -6 -d -s 9000 fe80::1', 'vmkping -d -s $SIZE 10.0.0.1', ''].join('\n');
    expect(shown(text, sh(text), rule)).toEqual([]);
  });
  it('reads vmkping inside ssh and Invoke-SSHCommand strings, and in kickstart', () => {
    const text = 'ssh root@esx01 "vmkping -I vmk2 -d -s 9000 192.168.50.12"\n';
    expect(shown(text, sh(text), rule)).toEqual([[1, '9000', 'warning']]);
    const p = "Invoke-SSHCommand -SessionId 0 -Command 'vmkping -d -s 1500 10.0.0.1'\n";
    expect(shown(p, ps1(p), rule)).toEqual([[1, '1500', 'warning']]);
    const k = '%post --interpreter=busybox\nvmkping -d -s 9000 10.0.0.1 || true\n';
    expect(shown(k, ks(k), rule)).toEqual([[2, '9000', 'warning']]);
  });
});

describe('esxi-vmkping-fragmentation', () => {
  const rule = 'esxi-vmkping-fragmentation';
  it('warns about a jumbo test without -d and inserts it', () => {
    const text = 'vmkping -I vmk1 -s 8972 10.20.12.12\n';
    const [finding] = only(sh(text), rule);
    expect(shown(text, [finding!], rule)).toEqual([[1, '-s 8972', 'warning']]);
    expect(fixed(text, finding!)).toBe('vmkping -I vmk1 -d -s 8972 10.20.12.12\n');
    expect(only(sh(fixed(text, finding!)), rule)).toEqual([]);
  });
  it('stays quiet up to 1472, with -d, and without -s', () => {
    const text = 'vmkping -s 1472 10.0.0.1\nvmkping -d -s 8972 10.0.0.1\nvmkping -I vmk1 10.0.0.1\n';
    expect(shown(text, sh(text), rule)).toEqual([]);
  });
});

describe('esxi-i40en-lldp', () => {
  const rule = 'esxi-i40en-lldp';
  it('warns about a single value, empty entries and values other than 0/1', () => {
    const text = ['esxcli system module parameters set -m i40en -p LLDP=0', 'esxcli system module parameters set -m i40en -p "LLDP=0,,0,0 RSS=4"', 'esxcli system module parameters set --module=i40en --parameter-string=LLDP=0,2', ''].join('\n');
    expect(shown(text, sh(text), rule)).toEqual([
      [1, '0', 'warning'],
      [2, 'LLDP=0,,0,0', 'warning'],
      [3, '2', 'warning'],
    ]);
  });
  it('stays quiet for one value per port and for other modules', () => {
    const text = 'esxcli system module parameters set -m i40en -p LLDP=0,0,0,0\nesxcli system module parameters set -m ixgben -p LLDP=0\nesxcli system module parameters set -m i40en -p RSS=4\n';
    expect(shown(text, sh(text))).toEqual([]);
  });
  it('reads Get-EsxCli -V2 and kickstart', () => {
    const p = "$esxcli = Get-EsxCli -VMHost $vmhost -V2\n$esxcli.system.module.parameters.set.Invoke(@{module = 'i40en'; parameterstring = 'LLDP=0'})\n";
    expect(shown(p, ps1(p), rule)).toEqual([[2, '0', 'warning']]);
    const k = '%firstboot --interpreter=busybox\nesxcli system module parameters set -m i40en -p LLDP=0,0,0,0\n';
    expect(shown(k, ks(k))).toEqual([]);
  });
});
