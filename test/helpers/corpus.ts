// Shared by the corpus tests: walking VSPHERE_CSI_CORPUS and comparing findings with an allow-list
// of findings that are right to report (each with its reason).
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../server/src/service/index.js';

export interface Allowed {
  /** Path relative to the corpus folder, with forward slashes. */
  file: string;
  ruleId: string;
  /** 1-based line; omit to allow the rule anywhere in the file. */
  line?: number;
  reason: string;
}

/** Files under `dir` whose names match `name`, sorted, skipping node_modules and .git. */
export function corpusFiles(dir: string, name: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.git')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...corpusFiles(full, name));
    else if (name.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/**
 * Warnings and errors that no allow-list entry covers, and the allow-list entries that matched
 * nothing (stale). Both should be empty.
 */
export function compareWithAllowed(root: string, results: Map<string, Finding[]>, allowed: readonly Allowed[]): { unexpected: string[]; stale: string[] } {
  const relative = (uri: string) => path.relative(root, new URL(uri).pathname).split(path.sep).join('/');
  const unexpected: string[] = [];
  const seen = new Set<Allowed>();
  for (const [uri, findings] of results) {
    const file = relative(uri);
    for (const finding of findings) {
      if (finding.severity === 'info') continue;
      const line = finding.range.start.line + 1;
      const match = allowed.find((a) => a.file === file && a.ruleId === finding.ruleId && (a.line === undefined || a.line === line));
      if (match) seen.add(match);
      else unexpected.push(`${file}:${line}:${finding.range.start.character + 1} ${finding.severity} ${finding.ruleId}: ${finding.message}`);
    }
  }
  return { unexpected, stale: allowed.filter((a) => !seen.has(a)).map((a) => `${a.file} ${a.ruleId}`) };
}
