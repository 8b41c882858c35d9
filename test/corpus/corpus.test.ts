// The driver's own published examples must lint clean: they are what users copy. CI points
// VSPHERE_CSI_CORPUS at a folder of such manifests; every *.yaml/*.yml under it is linted in one run
// (so cross-file checks see every class, claim and snapshot), and any warning or error fails the test
// unless it is listed in ALLOWED below with the reason it is right to report it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../server/src/service/index.js';
import { compareWithAllowed, corpusFiles, type Allowed } from '../helpers/corpus.js';

const corpus = process.env.VSPHERE_CSI_CORPUS;


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


describe('corpus', () => {
  it.skipIf(!corpus)('lints every manifest in VSPHERE_CSI_CORPUS (skipped when it is not set) without unexpected warnings or errors', () => {
    const root = path.resolve(corpus!);
    expect(fs.existsSync(root), `VSPHERE_CSI_CORPUS=${corpus} does not exist`).toBe(true);
    const files = corpusFiles(root, /\.ya?ml$/i);
    expect(files.length, `no *.yaml or *.yml under ${root}`).toBeGreaterThan(0);

    const service = createLanguageService();
    const sources = files.map((file) => ({ uri: new URL(`file://${file}`).href, text: fs.readFileSync(file, 'utf8') }));
    const { unexpected, stale } = compareWithAllowed(root, service.lintFiles(sources), ALLOWED);
    expect(unexpected, 'unexpected findings in the corpus (fix the rule, or allow-list with a reason)').toEqual([]);
    // An allow-list entry that no longer matches anything is stale and should go.
    expect(stale).toEqual([]);
  });
});
