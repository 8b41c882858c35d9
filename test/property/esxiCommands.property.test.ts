// ESXi host commands: whatever text arrives as a shell script, a PowerShell script or a kickstart /
// boot.cfg file, the scanner never throws, every span stays inside the text (and exact pieces hold
// exactly their text), the rules and their fixes stay inside it too, and hovers and completion work
// at every offset.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdits, createLanguageService, defaultConfig, parseConfigText, type FileLanguage, type Finding } from '../../server/src/service/index.js';
import { scanEsxiCommands } from '../../server/src/service/fragments/esxiCommands/index.js';
import type { EsxiCommand, Piece } from '../../server/src/service/fragments/esxiCommands/model.js';

const service = createLanguageService();
const support = service.registry.fragmentSupports.get('esxi-commands')!;
const RUNS = 300;
const config = parseConfigText('vsphere:\n  version: "7.0U3"\n', 'file:///ws/.vsphere-csi.yaml').config;

const PIECES = [
  '\n', '\r\n', ' ', '\t', '=', '"', "'", '`', '\\', '\\\n', '`\n', '#', '# c\n', '<#', '#>', '|', '||', ';', '&&', '&', '>', '2>&1', '<<EOF\n', 'EOF\n', '<<-X\n', '\tX\n',
  '$', '$(', '${', ')', '(', '{', '}', '@{', '@(', '--', '=', ',', ':',
  'esxcli ', 'localcli ', '/bin/esxcli ', 'system settings advanced set ', 'system settings advanced list ', 'system module parameters set ', 'software profile update ', 'software profile install ',
  'esxcfg-advcfg ', 'vmkping ', 'ssh root@esx01 ', 'sh -c ', 'sudo ', 'echo ', 'Invoke-SSHCommand -Command ', '-o ', '--option=', '-i ', '--int-value=', '-s ', '-d ', '-ds ', '-g ', '-p ', '-m ', '-I vmk1 ', '-6 ', '--allow-downgrades ',
  '/Mem/ShareForceSalting ', 'Mem.ShareForceSalting ', '/Misc/EnablePSPLatencyPolicy ', '/Net/TeamPolicyUpDelay ', '/ScratchConfig/ConfiguredScratchLocation ', '/UserVars/ToolsRamdisk ', '/tmp/scratch ',
  'i40en ', 'LLDP=0', 'LLDP=0,,1,7 ', 'ESXi-5.5.0-20140902001s-standard ', 'ESXi-7.0U3n-21930508-standard ', '/d.zip ', '0 ', '1 ', '2 ', '7 ', '10 ', '1500 ', '8972 ', '9000 ', '10.0.0.1',
  'Get-VMHost ', 'Get-VM ', 'Get-AdvancedSetting ', 'New-AdvancedSetting ', 'Set-AdvancedSetting ', '-Name ', '-Name:', '-Value ', '-Val ', '-Entity ', '$vmhost ', '$_ ', 'ForEach-Object ', '-Confirm:$false ',
  '$esxcli.system.settings.advanced.set.Invoke(@{option = \'/Mem/ShareForceSalting\'; intvalue = 9})', '$esxcli.system.module.parameters.set.Invoke(@{module="i40en"; parameterstring="LLDP=0"})',
  '%firstboot --interpreter=busybox\n', '%pre --interpreter=python\n', '%post\n', 'vmaccepteula\n', 'kernelopt=', 'kernelopt=runweasel systemMediaSize=', 'systemMediaSize=', 'min', 'Small', 'huge', '55GB',
  '\uFEFF', '\u0000', '\uD800', '\u00a0', 'é', '😀',
];

/** Whole command starts, so the rules (and their fixes) actually run on what follows. */
const COMMANDS = [
  '\nesxcli system settings advanced set -o /Mem/ShareForceSalting -i ', '\nesxcli system settings advanced set -o Mem.ShareForceSalting -s ', '\nesxcli system settings advanced set -o /Net/TeamPolicyUpDelay -i ',
  '\nesxcli system settings advanced set -o /ScratchConfig/ConfiguredScratchLocation -s ', '\nesxcfg-advcfg -s ', '\nesxcfg-advcfg -g ', '\nvmkping -I vmk1 -d -s ', '\nvmkping -s ',
  '\nesxcli system module parameters set -m i40en -p ', '\nesxcli software profile update -d /d.zip -p ', '\nesxcli software profile install -p ', '\nssh root@esx01 "esxcli system settings advanced set -o ',
  '\nGet-VMHost | Get-AdvancedSetting -Name Mem.ShareForceSalting | Set-AdvancedSetting -Value ', '\nGet-VMHost | Get-AdvancedSetting -Name /Net/TeamPolicyUpDelay | Set-AdvancedSetting -Value ',
  '\nkernelopt=runweasel systemMediaSize=', '\n%firstboot\nesxcli system settings advanced set -o /Misc/EnablePSPLatencyPolicy -i ',
];

const texty = fc
  .array(
    fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 2, arbitrary: fc.constantFrom(...COMMANDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) }),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const LANGUAGES: Array<[FileLanguage, string]> = [
  ['shell', 'host.sh'],
  ['powershell', 'host.ps1'],
  ['kickstart', 'ks.cfg'],
];

function pieceInside(text: string, piece: Piece | undefined) {
  if (!piece) return;
  expect(piece.start).toBeGreaterThanOrEqual(0);
  expect(piece.end).toBeGreaterThanOrEqual(piece.start);
  expect(piece.end).toBeLessThanOrEqual(text.length);
  if (piece.exact) expect(text.slice(piece.start, piece.end)).toBe(piece.text);
}

function commandInside(text: string, command: EsxiCommand) {
  expect(command.span[0]).toBeGreaterThanOrEqual(0);
  expect(command.span[1]).toBeLessThanOrEqual(text.length);
  for (const p of command.head) pieceInside(text, p);
  for (const o of command.options) {
    pieceInside(text, o.flag);
    pieceInside(text, o.value);
  }
  switch (command.kind) {
    case 'advanced-setting':
      pieceInside(text, command.option);
      pieceInside(text, command.value);
      break;
    case 'module-parameters':
      pieceInside(text, command.module);
      pieceInside(text, command.parameters);
      break;
    case 'profile':
      pieceInside(text, command.action);
      pieceInside(text, command.profile);
      command.depots.forEach((d) => pieceInside(text, d));
      break;
    case 'vmkping':
      pieceInside(text, command.size);
      pieceInside(text, command.sizeFlag);
      break;
    case 'boot-option':
      pieceInside(text, command.name);
      pieceInside(text, command.value);
  }
}

function findingsInside(text: string, findings: Finding[]) {
  for (const f of findings) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.ruleId).not.toBe('internal-error');
    for (const fix of [f.fix, ...(f.suggestions ?? [])]) {
      for (const edit of fix?.edits ?? []) {
        expect(edit.start).toBeGreaterThanOrEqual(0);
        expect(edit.end).toBeLessThanOrEqual(text.length);
      }
    }
  }
}

describe('ESXi command scanner (property)', () => {
  it.each(LANGUAGES)('%s: never throws; commands, pieces and problems stay inside the text', (language) => {
    fc.assert(
      fc.property(texty, (text) => {
        const { scan, problems } = scanEsxiCommands(text, language);
        for (const command of scan.commands) commandInside(text, command);
        for (const p of problems) {
          expect(p.start).toBeGreaterThanOrEqual(0);
          expect(p.end).toBeGreaterThanOrEqual(p.start);
          expect(p.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it.each(LANGUAGES)('%s: lint, fixes, hover and completion stay inside the text', (_language, name) => {
    fc.assert(
      fc.property(texty, fc.nat(), (text, at) => {
        const uri = `file:///ws/${name}`;
        const findings = service.lintFiles([{ uri, text }], { configFor: () => config }).get(uri) ?? [];
        findingsInside(text, findings);
        const result = service.applyFixes(uri, text, findings);
        expect(typeof result.text).toBe('string');
        for (const f of findings.filter((x) => x.fix)) applyEdits(text, f.fix!.edits);
        const fragment = service.parse({ uri, text }).fragments.find((f) => f.support === 'esxi-commands')!.fragment;
        const offset = text.length ? at % (text.length + 1) : 0;
        const hover = support.hover!(fragment, offset, defaultConfig());
        if (hover) {
          expect(hover.span[0]).toBeGreaterThanOrEqual(0);
          expect(hover.span[1]).toBeLessThanOrEqual(text.length);
          expect(hover.contents.length).toBeGreaterThan(0);
        }
        for (const item of support.complete!(fragment, offset, defaultConfig())) {
          if (!item.replace) continue;
          expect(item.replace[0]).toBeGreaterThanOrEqual(0);
          expect(item.replace[1]).toBeLessThanOrEqual(text.length);
          expect(item.replace[0]).toBeLessThanOrEqual(offset);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a fixed file has no more syntax problems than before', () => {
    fc.assert(
      fc.property(texty, (text) => {
        const uri = 'file:///ws/host.sh';
        const before = service.lintFiles([{ uri, text }]).get(uri) ?? [];
        const result = service.applyFixes(uri, text, before);
        const after = service.lintFiles([{ uri, text: result.text }]).get(uri) ?? [];
        const syntax = (fs: Finding[]) => fs.filter((f) => f.ruleId === 'esxi-command-syntax').length;
        expect(syntax(after)).toBeLessThanOrEqual(syntax(before));
      }),
      { numRuns: RUNS },
    );
  });
});
