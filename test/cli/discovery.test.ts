// Which files are linted and with which config: folders, globs, explicit files, stdin,
// `.vsphere-csi.yaml` discovery, ignore globs and symbolic links.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BAD_CLASS, CLEAN, hits, json, removeTree, run, tree } from './helpers.js';

beforeAll(assertBuilt);

const paths = (stdout: string) => JSON.parse(stdout).map((f: { filePath: string }) => f.filePath);
const severityOf = (result: ReturnType<typeof run>, file: string) =>
  json(result).find((f) => f.filePath === file)!.messages.find((m) => m.ruleId === 'sc-unknown-parameter')?.severity ?? 'none';

describe('walking folders', () => {
  it('takes *.yaml and *.yml, skips node_modules, .git and config files; explicit files whatever their extension', () => {
    const dir = tree({
      'a.yaml': CLEAN,
      'b.YML': CLEAN,
      'notes.txt': BAD_CLASS,
      'node_modules/pkg/x.yaml': BAD_CLASS,
      '.git/y.yaml': BAD_CLASS,
      'sub/.hidden/c.yaml': CLEAN,
      '.vsphere-csi.yaml': 'rules: {}\n',
    });
    try {
      expect(paths(run(['-f', 'json'], { cwd: dir }).stdout)).toEqual(['a.yaml', 'b.YML', 'sub/.hidden/c.yaml']);
      const explicit = run(['-f', 'json', 'notes.txt', 'node_modules/pkg/x.yaml'], { cwd: dir });
      expect(paths(explicit.stdout)).toEqual(['node_modules/pkg/x.yaml', 'notes.txt']);
      expect(hits(json(explicit), 'notes.txt', 'sc-unknown-parameter')).toEqual(['sc-unknown-parameter@7']);
    } finally {
      removeTree(dir);
    }
  });

  it('expands quoted globs with picomatch and lints each real file once', () => {
    const dir = tree({ 'deploy/a.yaml': CLEAN, 'deploy/x/b.yaml': CLEAN, 'deploy/x/c.yml': CLEAN, 'other/d.yaml': CLEAN });
    try {
      expect(paths(run(['-f', 'json', 'deploy/**/*.yaml'], { cwd: dir }).stdout)).toEqual(['deploy/a.yaml', 'deploy/x/b.yaml']);
      expect(paths(run(['-f', 'json', 'deploy', 'deploy/**/*.yaml', './deploy/a.yaml'], { cwd: dir }).stdout)).toEqual([
        'deploy/a.yaml',
        'deploy/x/b.yaml',
        'deploy/x/c.yml',
      ]);
    } finally {
      removeTree(dir);
    }
  });

  it('survives symbolic link loops and prefers real paths over linked ones', () => {
    const dir = tree({ 'real/a.yaml': CLEAN, 'real/deeper/b.yaml': CLEAN });
    fs.symlinkSync('..', path.join(dir, 'real', 'deeper', 'up')); // loop back to real/
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias')); // a second way into real/
    fs.symlinkSync('a.yaml', path.join(dir, 'real', 'also-a.yaml')); // a second name for a file
    fs.mkdirSync(path.join(dir, 'ring'));
    fs.symlinkSync(path.join(dir, 'ring'), path.join(dir, 'ring', 'self')); // a folder containing itself
    try {
      const result = run(['-f', 'json'], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(paths(result.stdout)).toEqual(['real/a.yaml', 'real/deeper/b.yaml']);
    } finally {
      removeTree(dir);
    }
  });
});

describe('configuration', () => {
  const CONFIG_WARN = 'rules:\n  sc-unknown-parameter: warning\n';
  const CONFIG_OFF = 'rules:\n  sc-unknown-parameter: "off"\n';

  it('uses the nearest .vsphere-csi.yaml (or .yml) of each file, without merging', () => {
    const dir = tree({
      '.vsphere-csi.yaml': CONFIG_OFF,
      'top.yaml': BAD_CLASS,
      'team/.vsphere-csi.yml': CONFIG_WARN,
      'team/sc.yaml': BAD_CLASS,
      'team/nested/sc.yaml': BAD_CLASS,
      'team/empty/.vsphere-csi.yaml': '# nothing set: defaults apply\n',
      'team/empty/sc.yaml': BAD_CLASS,
    });
    try {
      const result = run(['-f', 'json'], { cwd: dir });
      expect(severityOf(result, 'top.yaml')).toBe('none');
      expect(severityOf(result, 'team/sc.yaml')).toBe('warning');
      expect(severityOf(result, 'team/nested/sc.yaml')).toBe('warning');
      expect(severityOf(result, 'team/empty/sc.yaml')).toBe('error');
      // Discovery starts at the linted file, not at the working directory.
      expect(severityOf(run(['-f', 'json', 'sc.yaml'], { cwd: path.join(dir, 'team') }), 'sc.yaml')).toBe('warning');
      expect(severityOf(run(['-f', 'json', '../top.yaml'], { cwd: path.join(dir, 'team') }), '../top.yaml')).toBe('none');
    } finally {
      removeTree(dir);
    }
  });

  it('--config overrides discovery for every file; --rule wins over both', () => {
    const dir = tree({ '.vsphere-csi.yaml': CONFIG_OFF, 'sc.yaml': BAD_CLASS, 'team/.vsphere-csi.yaml': CONFIG_OFF, 'team/sc.yaml': BAD_CLASS, 'ci.yaml.cfg': CONFIG_WARN });
    try {
      const result = run(['-f', 'json', '--config', 'ci.yaml.cfg'], { cwd: dir });
      expect(severityOf(result, 'sc.yaml')).toBe('warning');
      expect(severityOf(result, 'team/sc.yaml')).toBe('warning');
      expect(severityOf(run(['-f', 'json', '--config', 'ci.yaml.cfg', '--rule', 'sc-unknown-parameter=info'], { cwd: dir }), 'sc.yaml')).toBe('info');
      const missing = run(['-f', 'json', '--config', 'nope.yaml'], { cwd: dir });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe('vsphere-csi-lint: nope.yaml: cannot read configuration: no such file or directory; using the defaults\n');
      expect(severityOf(missing, 'sc.yaml')).toBe('error');
    } finally {
      removeTree(dir);
    }
  });

  it('reports an invalid config as config-invalid findings with file:line:col and exits 2, still linting', () => {
    const dir = tree({
      '.vsphere-csi.yaml': 'driver:\n  flavor: tanzu\nrules:\n  sc-unknown-parameter: warning\n',
      'sc.yaml': BAD_CLASS,
      'bad/.vsphere-csi.yaml': 'rules: [\n',
      'bad/sc.yaml': BAD_CLASS,
    });
    try {
      const result = run(['-f', 'json'], { cwd: dir });
      expect(result.code).toBe(2);
      const lines = result.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^vsphere-csi-lint: \.vsphere-csi\.yaml:2:11: .+/);
      expect(lines[1]).toMatch(/^vsphere-csi-lint: bad\/\.vsphere-csi\.yaml:\d+:\d+: .+/);
      const files = json(result);
      expect(hits(files, '.vsphere-csi.yaml', 'config-invalid')).toEqual(['config-invalid@2']);
      expect(hits(files, 'bad/.vsphere-csi.yaml', 'config-invalid')).toHaveLength(1);
      // The valid part of the broken config still applies.
      expect(severityOf(result, 'sc.yaml')).toBe('warning');
      expect(severityOf(result, 'bad/sc.yaml')).toBe('error');
      const stylish = run([], { cwd: dir });
      expect(stylish.stdout).toMatch(/^\.vsphere-csi\.yaml\n {2}2:11 +error .* config-invalid$/m);
    } finally {
      removeTree(dir);
    }
  });

  it('applies ignore globs relative to the config file’s folder', () => {
    const dir = tree({
      '.vsphere-csi.yaml': 'ignore:\n  - "vendor/**"\n  - "**/*.generated.yaml"\n',
      'a.yaml': CLEAN,
      'vendor/x/b.yaml': BAD_CLASS,
      'deep/c.generated.yaml': BAD_CLASS,
      'team/.vsphere-csi.yaml': 'ignore: ["skip/**"]\n',
      'team/skip/d.yaml': BAD_CLASS,
      'team/vendor/e.yaml': CLEAN, // the nearest config (team/) does not ignore vendor/
      'skip/f.yaml': CLEAN, // team/'s glob is relative to team/
    });
    try {
      const result = run(['-f', 'json'], { cwd: dir });
      expect(result.code).toBe(0);
      expect(paths(result.stdout)).toEqual(['a.yaml', 'skip/f.yaml', 'team/vendor/e.yaml']);
      expect(paths(run(['-f', 'json', '**/*.yaml'], { cwd: dir }).stdout)).toEqual(['a.yaml', 'skip/f.yaml', 'team/vendor/e.yaml']);
      // A file named on the command line is linted even when a glob ignores it.
      expect(paths(run(['-f', 'json', 'vendor/x/b.yaml'], { cwd: dir }).stdout)).toEqual(['vendor/x/b.yaml']);
    } finally {
      removeTree(dir);
    }
  });
});

describe('stdin', () => {
  it('lints "-" under the --stdin-filename path, with that path’s config', () => {
    const dir = tree({ 'team/.vsphere-csi.yaml': 'rules:\n  sc-unknown-parameter: warning\n' });
    try {
      const named = run(['-f', 'json', '-', '--stdin-filename', 'team/sc.yaml'], { cwd: dir, input: BAD_CLASS });
      expect(named.code).toBe(0);
      expect(severityOf(named, 'team/sc.yaml')).toBe('warning');
      const anonymous = run(['-f', 'json', '-'], { cwd: dir, input: BAD_CLASS });
      expect(anonymous.code).toBe(1);
      expect(hits(json(anonymous), '<stdin>', 'sc-unknown-parameter')).toEqual(['sc-unknown-parameter@7']);
      const github = run(['-f', 'github', '-', '--stdin-filename', 'x/y.yaml'], { cwd: dir, input: BAD_CLASS });
      expect(github.stdout).toMatch(/^::error file=x\/y\.yaml,line=7,/m);
      const binary = run(['-'], { cwd: dir, input: Buffer.from([0x61, 0, 0x62]) });
      expect(binary.code).toBe(2);
      expect(binary.stderr).toBe('vsphere-csi-lint: <stdin>: binary file (NUL byte found); skipped\n');
    } finally {
      removeTree(dir);
    }
  });

  it('lints stdin together with files (cross-file index) and never writes it with --fix', () => {
    const dir = tree({ 'a.yaml': CLEAN });
    try {
      const result = run(['-f', 'json', '--fix', '.', '-', '--stdin-filename', 'a.yaml'], { cwd: dir, input: `${CLEAN}# vsphere-csi-lint-disable-next-line k8s-schema\nb: 1\n` });
      expect(paths(result.stdout)).toEqual(['a.yaml']); // stdin replaces the file of the same name
      expect(hits(json(result), 'a.yaml', 'unused-suppression')).toEqual(['unused-suppression@7']);
      expect(fs.readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe(CLEAN);
    } finally {
      removeTree(dir);
    }
  });
});
