// The driver's own published examples must lint clean: they are what users copy. CI points
// VSPHERE_CSI_CORPUS at a folder of such manifests; every *.yaml/*.yml under it is linted in one run
// (so cross-file checks see every class, claim and snapshot), and any warning or error fails the test
// unless it is listed in ALLOWED below with the reason it is right to report it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../server/src/service/index.js';

const corpus = process.env.VSPHERE_CSI_CORPUS;

interface Allowed {
  /** Path relative to the corpus folder, with forward slashes. */
  file: string;
  ruleId: string;
  /** 1-based line; omit to allow the rule anywhere in the file. */
  line?: number;
  reason: string;
}

/** Findings the corpus is expected to produce: each is a real problem in the example, explained. */
const ALLOWED: Allowed[] = [
  {
    file: 'vsphere-csi-driver/example/vanilla-k8s-RWO-filesystem-volumes/example-sc-multiple-zones.yaml',
    ruleId: 'sc-topology-immediate-binding',
    reason:
      'The example allows two zones but keeps the default Immediate binding, so the zone is picked before the pod is scheduled. ' +
      "The driver's topology guide recommends WaitForFirstConsumer for multi-zone clusters; the warning is the intended advice.",
  },
];

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.git')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

describe('corpus', () => {
  it.skipIf(!!corpus)('is skipped: set VSPHERE_CSI_CORPUS to a folder of manifests to lint them', () => {
    // Intentionally empty: the message above is what `vitest` shows for the skipped corpus run.
  });

  it.skipIf(!corpus)('lints every manifest in VSPHERE_CSI_CORPUS without unexpected warnings or errors', () => {
    const root = path.resolve(corpus!);
    expect(fs.existsSync(root), `VSPHERE_CSI_CORPUS=${corpus} does not exist`).toBe(true);
    const files = yamlFiles(root);
    expect(files.length, `no *.yaml or *.yml under ${root}`).toBeGreaterThan(0);

    const service = createLanguageService();
    const relative = (uri: string) => path.relative(root, new URL(uri).pathname).split(path.sep).join('/');
    const sources = files.map((file) => ({ uri: new URL(`file://${file}`).href, text: fs.readFileSync(file, 'utf8') }));
    const results = service.lintFiles(sources);

    const unexpected: string[] = [];
    const seenAllowed = new Set<Allowed>();
    for (const [uri, findings] of results) {
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
    // An allow-list entry that no longer matches anything is stale and should go.
    expect(ALLOWED.filter((a) => !seenAllowed.has(a)).map((a) => `${a.file} ${a.ruleId}`)).toEqual([]);
  });
});
