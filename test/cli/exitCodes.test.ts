// Exit codes 0/1/2, usage errors, and bad input: one clear stderr line each, never a stack
// trace, the other files still linted.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BAD_CLASS, CLEAN, hits, isRoot, json, removeTree, run, tree, UNUSED_SUPPRESSION } from './helpers.js';

beforeAll(assertBuilt);

const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

describe('exit codes', () => {
  it('0 for a clean tree', () => {
    const dir = tree({ 'a.yaml': CLEAN, 'sub/b.yml': CLEAN });
    try {
      const result = run([], { cwd: dir });
      expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    } finally {
      removeTree(dir);
    }
  });

  it('1 for errors; --rule can turn them off or down', () => {
    const dir = tree({ 'a.yaml': CLEAN, 'sc.yaml': BAD_CLASS });
    try {
      expect(run([], { cwd: dir }).code).toBe(1);
      expect(run(['--rule', 'sc-unknown-parameter=warning'], { cwd: dir }).code).toBe(0);
      const files = json(run(['--rule', 'sc-unknown-parameter=info', '-f', 'json'], { cwd: dir }));
      expect(files.find((f) => f.filePath === 'sc.yaml')!.messages.find((m) => m.ruleId === 'sc-unknown-parameter')!.severity).toBe('info');
      const off = json(run(['--rule', 'sc-unknown-parameter=off', '-f', 'json'], { cwd: dir }));
      expect(hits(off, 'sc.yaml', 'sc-unknown-parameter')).toEqual([]);
    } finally {
      removeTree(dir);
    }
  });

  it('--max-warnings: 1 only when warnings exceed it; --quiet hides warnings but they still count', () => {
    const dir = tree({ 'a.yaml': UNUSED_SUPPRESSION, 'b.yaml': UNUSED_SUPPRESSION });
    try {
      expect(run([], { cwd: dir }).code).toBe(0);
      expect(run(['--max-warnings', '2'], { cwd: dir }).code).toBe(0);
      const over = run(['--max-warnings', '1'], { cwd: dir });
      expect(over.code).toBe(1);
      expect(over.stderr).toBe('vsphere-csi-lint: too many warnings (2; maximum 1)\n');
      const quiet = run(['--quiet', '--max-warnings', '0', '-f', 'json'], { cwd: dir });
      expect(quiet.code).toBe(1);
      expect(json(quiet).flatMap((f) => f.messages)).toEqual([]);
    } finally {
      removeTree(dir);
    }
  });

  it.each([
    [['--nope'], /Unknown option '--nope'/],
    [['--format', 'xml'], /unknown format "xml"/],
    [['--rule', 'sc-unknown-paramter=off'], /unknown rule "sc-unknown-paramter"\. Did you mean "sc-unknown-parameter"\?/],
    [['--rule', 'sc-unknown-parameter=fatal'], /unknown severity "fatal"/],
    [['--rule', 'sc-unknown-parameter'], /--rule expects ID=SEVERITY/],
    [['--max-warnings', 'many'], /--max-warnings expects a whole number/],
    [['--stdin-filename', 'x.yaml'], /--stdin-filename needs "-"/],
    [['--explain', 'sc-unknown-paramter'], /unknown rule "sc-unknown-paramter"\. Did you mean "sc-unknown-parameter"\?/],
  ])('2 for the usage error %j', (args, pattern) => {
    const dir = tree({ 'a.yaml': CLEAN });
    try {
      const result = run(args, { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^vsphere-csi-lint: /);
      expect(result.stderr).toMatch(pattern);
      noStack(result.stderr);
    } finally {
      removeTree(dir);
    }
  });
});

describe('bad input', () => {
  it('reports a missing path and an unmatched glob, lints the rest, exits 2', () => {
    const dir = tree({ 'sc.yaml': BAD_CLASS });
    try {
      const result = run(['-f', 'json', 'sc.yaml', 'missing.yaml', 'nowhere/**/*.yaml'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n').filter(Boolean).sort()).toEqual([
        'vsphere-csi-lint: missing.yaml: no such file or directory',
        'vsphere-csi-lint: no files match "nowhere/**/*.yaml"',
      ]);
      expect(hits(json(result), 'sc.yaml', 'sc-unknown-parameter')).toEqual(['sc-unknown-parameter@7']);
    } finally {
      removeTree(dir);
    }
  });

  it('skips binary, non-UTF-8, UTF-16 and oversized files with one line each', () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0x23); // '#' comments: valid YAML, but too large
    big[big.length - 1] = 0x0a;
    const dir = tree({
      'sc.yaml': BAD_CLASS,
      'binary.yaml': Buffer.from([0x6b, 0x3a, 0x20, 0x00, 0x01, 0x02]),
      'latin1.yaml': Buffer.from('name: caf\xe9\n', 'latin1'),
      'utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a: b\n', 'utf16le')]),
      'big.yaml': big,
    });
    try {
      const result = run(['-f', 'json'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n').filter(Boolean)).toEqual([
        'vsphere-csi-lint: big.yaml: file is larger than 10 MB; skipped',
        'vsphere-csi-lint: binary.yaml: binary file (NUL byte found); skipped',
        'vsphere-csi-lint: latin1.yaml: file is not valid UTF-8; skipped',
        'vsphere-csi-lint: utf16.yaml: file is UTF-16 encoded; only UTF-8 is supported; skipped',
      ]);
      const files = json(result);
      expect(files.map((f) => f.filePath)).toEqual(['sc.yaml']);
      expect(hits(files, 'sc.yaml', 'sc-unknown-parameter')).toEqual(['sc-unknown-parameter@7']);
    } finally {
      removeTree(dir);
    }
  });

  // Root reads anything, so unreadable files are simulated with links that cannot be resolved:
  // a dangling link and a link to itself. The chmod case runs only as a normal user.
  it('reports dangling and self-referencing links found while walking, and explicit ones', () => {
    const dir = tree({ 'sc.yaml': BAD_CLASS });
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'dangling.yaml'));
    fs.symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    fs.symlinkSync('gone', path.join(dir, 'not-yaml')); // not a manifest name: silently skipped
    try {
      const result = run(['-f', 'json'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n').filter(Boolean)).toEqual([
        'vsphere-csi-lint: dangling.yaml: no such file or directory',
        'vsphere-csi-lint: self.yaml: too many levels of symbolic links',
      ]);
      expect(json(result).map((f) => f.filePath)).toEqual(['sc.yaml']);
      const explicit = run(['dangling.yaml'], { cwd: dir });
      expect(explicit.code).toBe(2);
      expect(explicit.stderr).toBe('vsphere-csi-lint: dangling.yaml: dangling symbolic link\n');
    } finally {
      removeTree(dir);
    }
  });

  it.skipIf(isRoot)('reports an unreadable file and folder (non-root only)', () => {
    const dir = tree({ 'sc.yaml': BAD_CLASS, 'secret.yaml': CLEAN, 'locked/a.yaml': CLEAN });
    fs.chmodSync(path.join(dir, 'secret.yaml'), 0);
    fs.chmodSync(path.join(dir, 'locked'), 0);
    try {
      const result = run(['-f', 'json'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('vsphere-csi-lint: secret.yaml: permission denied');
      expect(result.stderr).toContain('vsphere-csi-lint: locked: cannot read directory: permission denied');
      expect(json(result).map((f) => f.filePath)).toEqual(['sc.yaml']);
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
      removeTree(dir);
    }
  });

  it('does not expand aliases: an alias bomb is linted quickly and without a crash', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const bomb = `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: bomb\nprovisioner: csi.vsphere.vmware.com\nparameters:\n  storagepolicyname: "x"\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
    const dir = tree({ 'bomb.yaml': bomb });
    try {
      const started = Date.now();
      for (const format of ['json', 'sarif', 'stylish', 'github']) {
        const result = run(['-f', format], { cwd: dir });
        expect([0, 1]).toContain(result.code);
        noStack(result.stderr);
      }
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      removeTree(dir);
    }
  });
});
