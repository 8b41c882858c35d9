// ESLint-like terminal output: each file's path, then aligned `line:col  severity  message  rule`
// rows, then a summary line. Colour only when asked (TTY, --color, FORCE_COLOR).
import type { Severity } from '../../service/index.js';
import { plural, type Formatter } from './types.js';

const ansi = (open: number, close: number) => (enabled: boolean) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
const red = ansi(31, 39);
const yellow = ansi(33, 39);
const cyan = ansi(36, 39);
const dim = ansi(2, 22);
const bold = ansi(1, 22);
const underline = ansi(4, 24);

export const stylish: Formatter = (report, { color }) => {
  const out: string[] = [];
  const severityColor: Record<Severity, (s: string) => string> = { error: red(color), warning: yellow(color), info: cyan(color) };
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    const rows = file.findings.map((f) => ({
      pos: `${f.loc.line}:${f.loc.column}`,
      severity: f.severity,
      message: f.message.replace(/\s*\n\s*/g, ' '),
      rule: f.ruleId,
    }));
    const posWidth = Math.max(...rows.map((r) => r.pos.length));
    const sevWidth = Math.max(...rows.map((r) => r.severity.length));
    const msgWidth = Math.max(...rows.map((r) => r.message.length));
    out.push('', underline(color)(file.displayPath));
    for (const row of rows) {
      out.push(
        `  ${dim(color)(row.pos.padEnd(posWidth))}  ${severityColor[row.severity](row.severity.padEnd(sevWidth))}  ${row.message.padEnd(msgWidth)}  ${dim(color)(row.rule)}`,
      );
    }
  }
  const { errors, warnings, infos, fixable } = report.counts;
  const total = errors + warnings + infos;
  if (total > 0) {
    const mark = errors > 0 ? red(color) : warnings > 0 ? yellow(color) : cyan(color);
    out.push('', bold(color)(mark(`✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`)));
    if (fixable > 0) out.push(bold(color)(mark(`  ${fixable} fixable with --fix`)));
    out.push('');
  }
  return out.length ? out.join('\n') + '\n' : '';
};
