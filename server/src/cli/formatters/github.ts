// GitHub Actions workflow commands: one `::error|warning|notice` annotation per finding, escaped
// the way the official actions toolkit escapes them. Annotations do not fail a step; the exit code does.
import type { Severity } from '../../service/index.js';
import { plural, type Formatter } from './types.js';

/** Message text: % CR LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape : and ,. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export const github: Formatter = (report) => {
  const out: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const props = [
        `file=${escapeProperty(file.displayPath)}`,
        `line=${f.loc.line}`,
        `col=${f.loc.column}`,
        `endLine=${f.loc.endLine}`,
        `endColumn=${f.loc.endColumn}`,
        `title=${escapeProperty(f.ruleId)}`,
      ];
      out.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
    }
  }
  for (const problem of report.problems) {
    const props = [
      ...(problem.displayPath ? [`file=${escapeProperty(problem.displayPath)}`] : []),
      ...(problem.line ? [`line=${problem.line}`] : []),
      ...(problem.column ? [`col=${problem.column}`] : []),
      'title=vsphere-csi-lint',
    ];
    out.push(`::error ${props.join(',')}::${escapeData(problem.message)}`);
  }
  const { errors, warnings, infos } = report.counts;
  const total = errors + warnings + infos;
  if (total > 0) out.push(`vsphere-csi-lint: ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`);
  return out.length ? out.join('\n') + '\n' : '';
};
