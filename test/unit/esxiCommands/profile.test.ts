// esxi-profile-depot, esxi-profile-downgrade, esxi-profile-security-only.
import { describe, expect, it } from 'vitest';
import { ks, only, ps1, sh, shown, suggested } from './helpers.js';

const DEPOT = '/vmfs/volumes/datastore1/update-from-esxi5.5-5.5_update02.zip';

describe('esxi-profile-depot', () => {
  const rule = 'esxi-profile-depot';
  it('errors when -d or -p is missing', () => {
    const text = ['esxcli software profile update -p ESXi-5.5.0-20140902001-standard', `esxcli software profile install --depot=${DEPOT}`, ''].join('\n');
    expect(shown(text, sh(text), rule)).toEqual([
      [1, 'ESXi-5.5.0-20140902001-standard', 'error'],
      [2, 'install', 'error'],
    ]);
  });
  it('stays quiet with both, across continuation lines, and for other profile commands', () => {
    const text = [`esxcli software profile update -d ${DEPOT} \\`, '  -p ESXi-5.5.0-20140902001-standard', `esxcli software sources profile list -d ${DEPOT}`, 'esxcli software profile get', ''].join('\n');
    expect(shown(text, sh(text))).toEqual([]);
  });
  it('reads Get-EsxCli -V2 and kickstart', () => {
    const p = "$esxcli.software.profile.update.Invoke(@{profile = 'ESXi-7.0U3n-21930508-standard'})\n";
    expect(shown(p, ps1(p), rule)).toEqual([[1, 'ESXi-7.0U3n-21930508-standard', 'error']]);
    const k = '%firstboot\nesxcli software profile update -p ESXi-7.0U3n-21930508-standard\n';
    expect(shown(k, ks(k), rule)).toEqual([[2, 'ESXi-7.0U3n-21930508-standard', 'error']]);
  });
});

describe('esxi-profile-downgrade', () => {
  const rule = 'esxi-profile-downgrade';
  const config = 'vsphere:\n  version: "6.0"\n';
  it('warns when the profile is older than vsphere.version, suggesting --allow-downgrades', () => {
    const text = `esxcli software profile update -d ${DEPOT} -p ESXi-5.5.0-20140902001-standard\n`;
    const [finding] = only(sh(text, config), rule);
    expect(shown(text, [finding!], rule)).toEqual([[1, 'ESXi-5.5.0-20140902001-standard', 'warning']]);
    expect(suggested(text, finding!)).toBe(`esxcli software profile update -d ${DEPOT} -p ESXi-5.5.0-20140902001-standard --allow-downgrades\n`);
  });
  it('notes --allow-downgrades as info', () => {
    const text = `esxcli software profile update -d ${DEPOT} -p ESXi-5.5.0-20140902001-standard --allow-downgrades\n`;
    expect(shown(text, sh(text, config), rule)).toEqual([[1, '--allow-downgrades', 'info']]);
  });
  it('stays quiet for newer profiles and without vsphere.version', () => {
    const text = `esxcli software profile update -d ${DEPOT} -p ESXi-7.0U3n-21930508-standard\n`;
    expect(shown(text, sh(text, config), rule)).toEqual([]);
    const older = `esxcli software profile update -d ${DEPOT} -p ESXi-5.5.0-20140902001-standard\n`;
    expect(shown(older, sh(older), rule)).toEqual([]);
  });
});

describe('esxi-profile-security-only', () => {
  const rule = 'esxi-profile-security-only';
  it('notes “s” profiles', () => {
    const text = `esxcli software profile update -d ${DEPOT} -p ESXi-5.5.0-20140902001s-standard\nesxcli software profile update -d ${DEPOT} -p ESXi-7.0U2sc-18295176-standard\n`;
    expect(shown(text, sh(text), rule)).toEqual([
      [1, 'ESXi-5.5.0-20140902001s-standard', 'info'],
      [2, 'ESXi-7.0U2sc-18295176-standard', 'info'],
    ]);
  });
  it('stays quiet for full patches', () => {
    const text = `esxcli software profile update -d ${DEPOT} -p ESXi-5.5.0-20140902001-standard\nesxcli software profile install -d ${DEPOT} -p ESXi-8.0U2-22380479-no-tools\n`;
    expect(shown(text, sh(text))).toEqual([]);
  });
});
