// Machine-readable results: one entry per linted file (ESLint-like), 1-based positions.
import type { Fix } from '../../service/index.js';
import type { Formatter } from './types.js';

const fixData = (fix: Fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText })) });

export const json: Formatter = (report) => {
  const files = report.files.map((file) => ({
    filePath: file.displayPath,
    messages: file.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.loc.line,
      column: f.loc.column,
      endLine: f.loc.endLine,
      endColumn: f.loc.endColumn,
      ...(f.fix ? { fix: fixData(f.fix) } : {}),
      ...(f.suggestions?.length ? { suggestions: f.suggestions.map(fixData) } : {}),
      ...(f.related?.length
        ? {
            related: f.related.map((r) => ({
              filePath: report.pathOfUri(r.uri),
              line: r.range.start.line + 1,
              column: r.range.start.character + 1,
              endLine: r.range.end.line + 1,
              endColumn: r.range.end.character + 1,
              message: r.message,
            })),
          }
        : {}),
    })),
    errorCount: file.findings.filter((f) => f.severity === 'error').length,
    warningCount: file.findings.filter((f) => f.severity === 'warning').length,
    infoCount: file.findings.filter((f) => f.severity === 'info').length,
    fixableCount: file.findings.filter((f) => f.fix).length,
  }));
  return JSON.stringify(files) + '\n';
};
