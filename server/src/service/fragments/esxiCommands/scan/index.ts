// Scans one file for host commands: shell scripts, PowerShell scripts, and ESXi kickstart /
// boot.cfg files (the shell of %pre/%post/%firstboot sections run by busybox, and the boot options
// of `kernelopt=` lines). Pure and total: any text in, commands and problems out.
import type { FragmentProblem } from '../../types.js';
import type { FileLanguage } from '../../../types.js';
import { sourcePiece, type BootOptionCommand, type EsxiScan } from '../model.js';
import { scanPowerShell } from '../../scripts/powershell.js';
import { recognisePowerShellStatement, recogniseWords, type Recognised } from './recognise.js';
import { scanShell } from '../../scripts/shell.js';

export function scanEsxiCommands(text: string, language: FileLanguage): { scan: EsxiScan; problems: FragmentProblem[] } {
  const result: Recognised = { commands: [], problems: [] };
  if (language === 'powershell') {
    for (const statement of scanPowerShell(text)) recognisePowerShellStatement(text, statement, result);
  } else if (language === 'kickstart') {
    scanKickstart(text, result);
  } else {
    scanShellRange(text, 0, text.length, result);
  }
  result.commands.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
  return { scan: { language, commands: result.commands }, problems: result.problems };
}

function scanShellRange(text: string, from: number, to: number, result: Recognised): void {
  for (const statement of scanShell(text, from, to)) recogniseWords(text, statement.words, 0, result);
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    out.push({ start, end, text: text.slice(start, end) });
    if (newline === -1) break;
    start = newline + 1;
  }
  return out;
}

const SECTION = /^%(\w+)\b(.*)$/;

/**
 * Kickstart: the command section, then `%pre`, `%post` and `%firstboot` sections, each running to
 * the next `%` line. Sections with `--interpreter=python` are not shell and are skipped. Lines
 * `kernelopt=...` (boot.cfg, or a kickstart that carries one) hold boot options.
 */
function scanKickstart(text: string, result: Recognised): void {
  const all = lines(text);
  let section: { shell: boolean; start: number } | undefined;
  const close = (end: number) => {
    if (section?.shell && end > section.start) scanShellRange(text, section.start, end, result);
    section = undefined;
  };
  for (const line of all) {
    const trimmed = line.text.trim();
    const match = SECTION.exec(trimmed);
    if (match) {
      close(line.start);
      const name = match[1]!.toLowerCase();
      const interpreter = /--interpreter[=\s]+(\w+)/.exec(match[2] ?? '')?.[1]?.toLowerCase() ?? 'busybox';
      if (name === 'pre' || name === 'post' || name === 'firstboot') {
        section = { shell: interpreter === 'busybox' || interpreter === 'sh' || interpreter === 'bash', start: Math.min(line.end + 1, text.length) };
      }
      continue;
    }
    if (section) continue;
    const kernelopt = /^(\s*kernelopt\s*=)/.exec(line.text);
    if (kernelopt) bootOptions(text, line.start + kernelopt[1]!.length, line.end, result);
  }
  close(text.length);
}

/** `systemMediaSize=min` among the whitespace-separated boot options of a kernelopt line. */
function bootOptions(text: string, from: number, to: number, result: Recognised): void {
  const pattern = /\S+/g;
  pattern.lastIndex = 0;
  const body = text.slice(from, to);
  for (const match of body.matchAll(pattern)) {
    const start = from + match.index;
    const token = match[0].replace(/\r$/, '');
    const eq = token.indexOf('=');
    const name = eq === -1 ? token : token.slice(0, eq);
    if (name.toLowerCase() !== 'systemmediasize') continue;
    const command: BootOptionCommand = {
      kind: 'boot-option',
      via: 'kernelopt',
      span: [start, start + token.length],
      head: [sourcePiece(text, start, start + name.length)],
      options: [],
      name: sourcePiece(text, start, start + name.length),
    };
    if (eq !== -1) command.value = sourcePiece(text, start + eq + 1, start + token.length);
    result.commands.push(command);
  }
}
