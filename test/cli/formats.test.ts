// Every output format, on a copy of test/fixtures/cli/project.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../server/src/cli/formatters/github.js';
import { assertBuilt, BAD_CLASS, fixture, hits, json, removeTree, run, tree, ROOT } from './helpers.js';

let project: string;
beforeAll(() => {
  assertBuilt();
  project = fixture('project');
});
afterAll(() => removeTree(project));

function sarifValidator() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/sarif-matcher-utils/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The official schema is written as draft-04 (`id`); its keywords are draft-07 compatible.
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });
  return ajv.compile(schema);
}

describe('json', () => {
  it('has one entry per linted file, sorted, with 1-based positions and per-file counts', () => {
    const result = run(['--format', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const files = json(result);
    const paths = files.map((f) => f.filePath);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(expect.arrayContaining(['chart/templates/sc.yaml', 'deploy/configmap.yaml', 'deploy/storageclass.yaml', 'team-a/class.yaml']));
    expect(paths).not.toContain('generated/ignored.yaml'); // ignore glob of the root config
    expect(paths.some((p) => p.includes('.vsphere-csi'))).toBe(false); // config files are not manifests

    expect(hits(files, 'deploy/storageclass.yaml', 'sc-unknown-parameter')).toEqual(['sc-unknown-parameter@9']);
    const sc = files.find((f) => f.filePath === 'deploy/storageclass.yaml')!;
    const message = sc.messages.find((m) => m.ruleId === 'sc-unknown-parameter')!;
    expect(message).toMatchObject({ severity: 'error', line: 9, column: 3, endLine: 9, endColumn: 16 });
    expect(sc.errorCount).toBe(sc.messages.filter((m) => m.severity === 'error').length);

    const cm = files.find((f) => f.filePath === 'deploy/configmap.yaml')!;
    const unused = cm.messages.find((m) => m.ruleId === 'unused-suppression')!;
    expect(unused).toMatchObject({ severity: 'warning', line: 5 });
    expect(unused.fix?.edits.length).toBeGreaterThan(0);
    expect(cm.warningCount).toBeGreaterThanOrEqual(1);

    // team-a/.vsphere-csi.yml is nearer than the root config: the rule is a warning there.
    const teamA = files.find((f) => f.filePath === 'team-a/class.yaml')!;
    const teamAMessage = teamA.messages.find((m) => m.ruleId === 'sc-unknown-parameter')!;
    expect(teamAMessage).toMatchObject({ severity: 'warning', line: 7 });
    expect(teamAMessage.suggestions?.[0]?.title).toMatch(/storagepolicyname/); // did-you-mean: never applied by --fix

    const chart = files.find((f) => f.filePath === 'chart/templates/sc.yaml')!;
    expect(chart.messages.map((m) => m.ruleId)).toEqual(['template-skipped']);
    expect(chart.infoCount).toBe(1);
  });

  it('prints paths relative to the working directory, with forward slashes', () => {
    const name = path.basename(project);
    const fromParent = json(run(['--format', 'json', `${name}/deploy`], { cwd: path.dirname(project) }));
    expect(fromParent.map((f) => f.filePath)).toEqual([`${name}/deploy/configmap.yaml`, `${name}/deploy/storageclass.yaml`]);
    const fromChild = json(run(['--format', 'json', '../deploy/storageclass.yaml'], { cwd: path.join(project, 'team-a') }));
    expect(fromChild.map((f) => f.filePath)).toEqual(['../deploy/storageclass.yaml']);
  });
});

describe('stylish', () => {
  it('prints each file with aligned rows and a summary, without colour on a pipe', () => {
    const result = run([], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout).toMatch(/^deploy\/storageclass\.yaml$/m);
    expect(result.stdout).toMatch(/^ {2}9:3 +error +.*storagePolicy.* {2}sc-unknown-parameter$/m);
    expect(result.stdout).toMatch(/^ {2}5:\d+ +warning +.* {2}unused-suppression$/m);
    expect(result.stdout).toMatch(/^✖ \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ infos?\)$/m);
    expect(result.stdout).toMatch(/^ {2}\d+ fixable with --fix$/m);
  });

  it('colours with --color or FORCE_COLOR, and NO_COLOR / --no-color win over the environment', () => {
    expect(run(['--color'], { cwd: project }).stdout).toContain('\u001b[31m');
    expect(run([], { cwd: project, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(run([], { cwd: project, env: { FORCE_COLOR: '0' } }).stdout).not.toContain('\u001b[');
    expect(run([], { cwd: project, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(run(['--no-color'], { cwd: project, env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('prints nothing for a clean run', () => {
    const result = run(['deploy/storageclass.yaml', '--rule', 'sc-unknown-parameter=off', '--quiet'], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('--output writes the report atomically and without colour; stdout stays empty', () => {
    const result = run(['--color', '--output', 'out/report.txt'], { cwd: project });
    expect(result.code).toBe(2); // out/ does not exist: an I/O error
    expect(result.stderr).toMatch(/^vsphere-csi-lint: out\/report\.txt: cannot write the report: no such file or directory$/m);
    fs.mkdirSync(path.join(project, 'out'));
    const ok = run(['--color', '--output', 'out/report.txt'], { cwd: project });
    expect(ok.code).toBe(1);
    expect(ok.stdout).toBe('');
    const text = fs.readFileSync(path.join(project, 'out', 'report.txt'), 'utf8');
    expect(text).toContain('sc-unknown-parameter');
    expect(text).not.toContain('\u001b[');
    expect(fs.readdirSync(path.join(project, 'out'))).toEqual(['report.txt']); // no temporary file left
    fs.rmSync(path.join(project, 'out'), { recursive: true });
  });
});

describe('sarif', () => {
  it('is valid SARIF 2.1.0 with every rule described and relative artifact URIs', () => {
    const result = run(['--format', 'sarif'], { cwd: project });
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const [runLog] = log.runs;
    const driver = runLog.tool.driver;
    expect(driver.name).toBe('vsphere-csi-lint');
    expect(driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
    const ruleIds: string[] = driver.rules.map((r: { id: string }) => r.id);
    for (const id of ['sc-unknown-parameter', 'k8s-schema', 'yaml-syntax', 'unused-suppression', 'template-skipped', 'config-invalid']) {
      expect(ruleIds).toContain(id);
    }
    const rule = driver.rules.find((r: { id: string }) => r.id === 'sc-unknown-parameter');
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.help.text).toContain('sc-unknown-parameter');
    expect(rule.help.markdown).toMatch(/^# sc-unknown-parameter/);
    expect(rule.helpUri).toMatch(/docs\/rules\/sc-unknown-parameter\.md$/);
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(driver.rules.find((r: { id: string }) => r.id === 'template-skipped').defaultConfiguration.level).toBe('note');

    expect(runLog.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/.*\/$/);
    expect(runLog.invocations[0].executionSuccessful).toBe(true);

    const result0 = runLog.results.find((r: { ruleId: string; level: string }) => r.ruleId === 'sc-unknown-parameter' && r.level === 'error');
    expect(driver.rules[result0.ruleIndex].id).toBe('sc-unknown-parameter');
    expect(result0.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/storageclass.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 3, endLine: 9, endColumn: 16 },
    });
    expect(result0.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:0$/);
    expect(runLog.results.find((r: { ruleId: string }) => r.ruleId === 'template-skipped').level).toBe('note');
    for (const r of runLog.results) {
      const region = r.locations[0].physicalLocation.region;
      expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
      if (region.endLine === region.startLine) expect(region.endColumn).toBeGreaterThanOrEqual(region.startColumn);
    }
  });

  it('keeps fingerprints when lines move, and numbers identical lines', () => {
    const dir = tree({
      'a.yaml': BAD_CLASS,
      'b.yaml': `# moved down\n\n${BAD_CLASS}---\n${BAD_CLASS.replace('gold', 'gold2')}`,
    });
    try {
      const log = JSON.parse(run(['--format', 'sarif'], { cwd: dir }).stdout);
      const prints = (file: string) =>
        log.runs[0].results
          .filter((r: any) => r.ruleId === 'sc-unknown-parameter' && r.locations[0].physicalLocation.artifactLocation.uri === file)
          .map((r: any) => r.partialFingerprints.primaryLocationLineHash);
      const [a] = prints('a.yaml');
      const [b0, b1] = prints('b.yaml');
      expect(b0).toBe(a);
      expect(b1).toBe(a!.replace(/:0$/, ':1'));
    } finally {
      removeTree(dir);
    }
  });

  it('marks an unsuccessful execution with notifications, and zero-width regions stay valid', () => {
    const dir = tree({ 'broken.yaml': 'a: [1, 2\nb: 3\n', 'bin.yaml': Buffer.from([0x61, 0x00, 0x62]) });
    try {
      const result = run(['--format', 'sarif', '.', 'missing.yaml'], { cwd: dir });
      expect(result.code).toBe(2);
      const log = JSON.parse(result.stdout);
      const validate = sarifValidator();
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
      const invocation = log.runs[0].invocations[0];
      expect(invocation.executionSuccessful).toBe(false);
      const texts = invocation.toolExecutionNotifications.map((n: any) => n.message.text);
      expect(texts).toEqual(expect.arrayContaining([expect.stringMatching(/^bin\.yaml: binary file/), expect.stringMatching(/^missing\.yaml: no such file/)]));
      const syntax = log.runs[0].results.find((r: any) => r.ruleId === 'yaml-syntax');
      const region = syntax.locations[0].physicalLocation.region;
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.endColumn).toBeGreaterThanOrEqual(region.startColumn);
    } finally {
      removeTree(dir);
    }
  });
});

describe('github', () => {
  it('prints one workflow command per finding with relative paths', () => {
    const result = run(['--format', 'github'], { cwd: project });
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(lines).toContainEqual(
      expect.stringMatching(/^::error file=deploy\/storageclass\.yaml,line=9,col=3,endLine=9,endColumn=16,title=sc-unknown-parameter::.+storagePolicy/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^::warning file=deploy\/configmap\.yaml,line=5,.*title=unused-suppression::/));
    expect(lines).toContainEqual(expect.stringMatching(/^::notice file=chart\/templates\/sc\.yaml,line=4,.*title=template-skipped::/));
  });

  it('escapes like the actions toolkit: data % CR LF, properties also : and ,', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('dir/a,b:c%.yaml\n')).toBe('dir/a%2Cb%3Ac%25.yaml%0A');
    const dir = tree({ 'odd,name:100%.yaml': BAD_CLASS });
    try {
      const result = run(['--format', 'github'], { cwd: dir });
      expect(result.stdout).toMatch(/^::error file=odd%2Cname%3A100%25\.yaml,line=7,/m);
    } finally {
      removeTree(dir);
    }
  });
});
