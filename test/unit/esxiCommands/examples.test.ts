// examples/esxi: good/ lints clean and each broken/ file shows exactly the rules its header names,
// the way test/unit/core/examples.test.ts checks the YAML examples (same config, same header form).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedRules } from '../../helpers/examples.js';
import { createLanguageService, languageForPath } from '../../../server/src/service/index.js';

const examples = path.resolve(__dirname, '..', '..', '..', 'examples');
const dir = path.join(examples, 'esxi');
const service = createLanguageService();

function files(sub: string): string[] {
  return fs
    .readdirSync(path.join(dir, sub))
    .filter((name) => languageForPath(name, fs.readFileSync(path.join(dir, sub, name), 'utf8')) !== undefined)
    .sort()
    .map((name) => `${sub}/${name}`);
}


const parsed = service.parseConfig(fs.readFileSync(path.join(examples, '.vsphere-csi.yaml'), 'utf8'), 'file:///examples/.vsphere-csi.yaml');
const all = [...files('good'), ...files('broken')].map((file) => ({ uri: `file:///examples/esxi/${file}`, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
const results = service.lintFiles(all, { configFor: () => parsed.config });
const findingsOf = (file: string) => results.get(`file:///examples/esxi/${file}`) ?? [];

describe('examples/esxi', () => {
  it('has a good and a broken script, kickstart and boot.cfg', () => {
    expect(files('good')).toEqual(['good/boot.cfg', 'good/host-settings.ps1', 'good/host-setup.sh', 'good/ks.cfg']);
    expect(files('broken')).toEqual(['broken/boot.cfg', 'broken/host-settings.ps1', 'broken/host-settings.sh', 'broken/ks.cfg']);
  });

  it.each(files('good'))('%s is clean', (file) => {
    expect(findingsOf(file).map((f) => `${f.range.start.line + 1} ${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it.each(files('broken'))('%s shows what its header says', (file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    expect(text.startsWith('#')).toBe(true);
    expect([...new Set(findingsOf(file).map((f) => f.ruleId))].sort()).toEqual(expectedRules(text));
  });
});
