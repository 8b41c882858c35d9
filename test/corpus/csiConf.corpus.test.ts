// The driver's own csi-vsphere.conf samples must lint clean: every *.conf under VSPHERE_CSI_CORPUS
// that the linter reads as csi-vsphere.conf (the CLI's own choice when walking) is linted, and any
// warning or error fails the test unless ALLOWED lists it with the reason it is right to report it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLanguageService, languageForPath } from '../../server/src/service/index.js';
import { compareWithAllowed, corpusFiles, type Allowed } from '../helpers/corpus.js';

const corpus = process.env.VSPHERE_CSI_CORPUS;


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


describe('corpus: csi-vsphere.conf', () => {
  it.skipIf(!corpus)('lints every driver conf in VSPHERE_CSI_CORPUS (skipped when it is not set) without unexpected warnings or errors', () => {
    const root = path.resolve(corpus!);
    const sources = corpusFiles(root, /\.conf$/i)
      .map((file) => ({ uri: new URL(`file://${file}`).href, text: fs.readFileSync(file, 'utf8') }))
      .filter((source) => languageForPath(source.uri, source.text) === 'csi-conf');
    expect(sources.length, `no csi-vsphere.conf under ${root}`).toBeGreaterThan(0);

    const service = createLanguageService();
    const { unexpected, stale } = compareWithAllowed(root, service.lintFiles(sources), ALLOWED);
    expect(unexpected, 'unexpected findings in the corpus (fix the rule, or allow-list with a reason)').toEqual([]);
    expect(stale).toEqual([]);
  });
});
