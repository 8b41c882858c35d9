// The driver's own csi-vsphere.conf samples must lint clean: every *.conf under VSPHERE_CSI_CORPUS
// that the linter reads as csi-vsphere.conf (the CLI's own choice when walking) is linted, and any
// warning or error fails the test unless ALLOWED lists it with the reason it is right to report it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLanguageService, languageForPath } from '../../server/src/service/index.js';

const corpus = process.env.VSPHERE_CSI_CORPUS;

interface Allowed {
  /** Path relative to the corpus folder, with forward slashes. */
  file: string;
  ruleId: string;
  line?: number;
  reason: string;
}

const ALLOWED: Allowed[] = [
  {
    file: 'vsphere-csi-driver/example/vanilla-k8s-RWM-filesystem-volumes/example-csi-vsphere.conf',
    ruleId: 'csi-conf-insecure-tls',
    line: 32,
    reason:
      'The sample sets insecure-flag = "true" for its vCenter and gives no ca-file or thumbprint, so the driver would not verify the vCenter certificate. ' +
      'That is exactly what the warning says; samples copied into production are where it matters.',
  },
];

function confFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.git')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...confFiles(full));
    else if (/\.conf$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

describe('corpus: csi-vsphere.conf', () => {
  it.skipIf(!!corpus)('is skipped: set VSPHERE_CSI_CORPUS to a folder with csi-vsphere.conf samples to lint them', () => {
    // Intentionally empty.
  });

  it.skipIf(!corpus)('lints every driver conf in VSPHERE_CSI_CORPUS without unexpected warnings or errors', () => {
    const root = path.resolve(corpus!);
    const sources = confFiles(root)
      .map((file) => ({ uri: new URL(`file://${file}`).href, text: fs.readFileSync(file, 'utf8') }))
      .filter((source) => languageForPath(source.uri, source.text) === 'csi-conf');
    expect(sources.length, `no csi-vsphere.conf under ${root}`).toBeGreaterThan(0);

    const service = createLanguageService();
    const relative = (uri: string) => path.relative(root, new URL(uri).pathname).split(path.sep).join('/');
    const unexpected: string[] = [];
    const seenAllowed = new Set<Allowed>();
    for (const [uri, findings] of service.lintFiles(sources)) {
      const file = relative(uri);
      for (const finding of findings) {
        if (finding.severity === 'info') continue;
        const line = finding.range.start.line + 1;
        const match = ALLOWED.find((a) => a.file === file && a.ruleId === finding.ruleId && (a.line === undefined || a.line === line));
        if (match) seenAllowed.add(match);
        else unexpected.push(`${file}:${line}:${finding.range.start.character + 1} ${finding.severity} ${finding.ruleId}: ${finding.message}`);
      }
    }
    expect(unexpected, 'unexpected findings in the corpus (fix the rule, or allow-list with a reason)').toEqual([]);
    expect(ALLOWED.filter((a) => !seenAllowed.has(a)).map((a) => `${a.file} ${a.ruleId}`)).toEqual([]);
  });
});
