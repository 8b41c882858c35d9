// examples/ is what `npm start` shows a new user: good/ must lint clean, and each file in broken/
// must produce exactly the rules its header comment promises ("# Expect: rule-id, ...").
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedRules } from '../../helpers/examples.js';
import { createLanguageService } from '../../../server/src/service/index.js';

const examples = path.resolve(__dirname, '..', '..', '..', 'examples');
const service = createLanguageService();

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? yamlFiles(path.join(dir, entry.name)) : /\.ya?ml$/.test(entry.name) && !entry.name.startsWith('.') ? [path.join(dir, entry.name)] : []))
    .sort();
}

/** Lints all of examples/ in one run with examples/.vsphere-csi.yaml, like `vsphere-csi-lint examples`. */
function lintExamples() {
  const parsed = service.parseConfig(fs.readFileSync(path.join(examples, '.vsphere-csi.yaml'), 'utf8'), 'file:///examples/.vsphere-csi.yaml');
  expect(parsed.problems).toEqual([]);
  const files = yamlFiles(examples).map((file) => ({ uri: `file:///examples/${path.relative(examples, file).split(path.sep).join('/')}`, text: fs.readFileSync(file, 'utf8') }));
  const results = service.lintFiles(files, { configFor: () => parsed.config });
  return { files, results: new Map([...results].map(([uri, findings]) => [uri.replace('file:///examples/', ''), findings])) };
}


describe('examples/', () => {
  const { files, results } = lintExamples();

  it('the config is valid and every example file was linted', () => {
    expect(files.some((f) => f.uri.includes('/good/'))).toBe(true);
    expect(files.some((f) => f.uri.includes('/broken/'))).toBe(true);
  });

  it('good/ is clean', () => {
    const found = [...results].filter(([file]) => file.startsWith('good/')).flatMap(([file, findings]) => findings.map((f) => `${file}:${f.range.start.line + 1} ${f.ruleId}: ${f.message}`));
    expect(found).toEqual([]);
  });

  const broken = files.filter((f) => f.uri.includes('/broken/'));
  it.each(broken.map((f) => [f.uri.replace('file:///examples/', ''), f.text] as const))('%s shows what its header says', (file, text) => {
    expect(text.startsWith('#'), 'every broken example starts with a comment saying what is wrong').toBe(true);
    const found = [...new Set((results.get(file) ?? []).map((f) => f.ruleId))].sort();
    expect(found).toEqual(expectedRules(text));
  });
});
