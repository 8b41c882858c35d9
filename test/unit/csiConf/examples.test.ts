// examples/conf/: good/ lints clean, and each file in broken/ produces exactly the rules its header
// comment promises ("# Expect: rule-id, ..."), with the whole examples/ folder in the run the way
// `vsphere-csi-lint examples` sees it (cross-file checks included).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedRules } from '../../helpers/examples.js';
import { createLanguageService, languageForPath } from '../../../server/src/service/index.js';

const examples = path.resolve(__dirname, '..', '..', '..', 'examples');
const service = createLanguageService();

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : entry.name.startsWith('.') ? [] : [path.join(dir, entry.name)]))
    .sort();
}


describe('examples/conf/', () => {
  const parsed = service.parseConfig(fs.readFileSync(path.join(examples, '.vsphere-csi.yaml'), 'utf8'), 'file:///examples/.vsphere-csi.yaml');
  const sources = files(examples)
    .map((file) => ({ uri: `file:///examples/${path.relative(examples, file).split(path.sep).join('/')}`, text: fs.readFileSync(file, 'utf8') }))
    .filter((source) => languageForPath(source.uri, source.text) !== undefined);
  const results = service.lintFiles(sources, { configFor: () => parsed.config });
  const ours = sources.filter((s) => s.uri.includes('/examples/conf/'));

  it('has a good and a broken csi-vsphere.conf', () => {
    expect(ours.map((s) => s.uri.replace('file:///examples/', ''))).toEqual([
      'conf/broken/csi-vsphere.conf',
      'conf/broken/vsphere-config-secret.yaml',
      'conf/good/csi-vsphere.conf',
    ]);
  });

  it('good/ is clean', () => {
    const found = ours.filter((s) => s.uri.includes('/good/')).flatMap((s) => results.get(s.uri)!.map((f) => `${s.uri}:${f.range.start.line + 1} ${f.ruleId}: ${f.message}`));
    expect(found).toEqual([]);
  });

  it.each(ours.filter((s) => s.uri.includes('/broken/')).map((s) => [s.uri.replace('file:///examples/', ''), s] as const))('%s shows what its header says', (_name, source) => {
    expect(source.text.startsWith('#')).toBe(true);
    const found = [...new Set(results.get(source.uri)!.map((f) => f.ruleId))].sort();
    expect(found).toEqual(expectedRules(source.text));
  });
});
