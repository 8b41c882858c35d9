// examples/vm: good/ lints clean, and each file in broken/ shows exactly the rules its header
// comment names ("# Expect: rule-id, ..."), .vmx files and scripts included.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedRules } from '../../helpers/examples.js';
import { service } from '../../helpers/lint.js';

const root = path.resolve(__dirname, '..', '..', '..', 'examples');
const dir = path.join(root, 'vm');

function files(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(path.join(folder, entry.name)) : [path.join(folder, entry.name)]))
    .sort();
}


describe('examples/vm', () => {
  const config = service.parseConfig(fs.readFileSync(path.join(root, '.vsphere-csi.yaml'), 'utf8'), 'file:///examples/.vsphere-csi.yaml').config;
  const inputs = files(dir).map((file) => ({ uri: `file:///examples/${path.relative(root, file).split(path.sep).join('/')}`, text: fs.readFileSync(file, 'utf8') }));
  const results = service.lintFiles(inputs, { configFor: () => config });

  it('has good and broken .vmx files and Cluster API templates', () => {
    const names = inputs.map((i) => i.uri.replace('file:///examples/vm/', ''));
    for (const folder of ['good', 'broken']) {
      expect(names.some((n) => n.startsWith(`${folder}/`) && n.endsWith('.vmx'))).toBe(true);
      expect(names.some((n) => n.startsWith(`${folder}/`) && n.endsWith('.yaml'))).toBe(true);
    }
  });

  it('good/ is clean', () => {
    const found = inputs.filter((i) => i.uri.includes('/vm/good/')).flatMap((i) => (results.get(i.uri) ?? []).map((f) => `${i.uri}:${f.range.start.line + 1} ${f.ruleId}: ${f.message}`));
    expect(found).toEqual([]);
  });

  it.each(inputs.filter((i) => i.uri.includes('/vm/broken/')).map((i) => [i.uri.replace('file:///examples/', ''), i] as const))('%s shows what its header says', (_name, input) => {
    expect(input.text.startsWith('#')).toBe(true);
    const found = [...new Set((results.get(input.uri) ?? []).map((f) => f.ruleId))].sort();
    expect(found).toEqual(expectedRules(input.text));
  });
});
