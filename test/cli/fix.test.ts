// --fix: safe fixes written atomically (temp file + rename), comments and formatting kept,
// repeated passes until nothing changes, files with YAML syntax errors never touched.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BAD_CLASS, BROKEN, CLEAN, hits, json, removeTree, run, tree, UNUSED_SUPPRESSION } from './helpers.js';

beforeAll(assertBuilt);

const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const FIXED = UNUSED_SUPPRESSION.replace(/^# vsphere-csi-lint-disable-next-line.*\n/m, '');

describe('--fix', () => {
  it('removes an unused suppression, keeps the other comments, keeps the mode, and is idempotent', () => {
    const dir = tree({ 'cm.yaml': UNUSED_SUPPRESSION, 'sc.yaml': BAD_CLASS });
    fs.chmodSync(path.join(dir, 'cm.yaml'), 0o640);
    try {
      const result = run(['--fix', '-f', 'json'], { cwd: dir });
      expect(result.code).toBe(1); // sc-unknown-parameter has no safe fix and remains
      expect(result.stderr).toBe('');
      expect(read(dir, 'cm.yaml')).toBe(FIXED);
      expect(read(dir, 'cm.yaml')).toContain('# keep this comment');
      expect(read(dir, 'cm.yaml')).toContain('# and this one');
      expect(fs.statSync(path.join(dir, 'cm.yaml')).mode & 0o777).toBe(0o640);
      expect(read(dir, 'sc.yaml')).toBe(BAD_CLASS);
      // The report shows what is left after fixing.
      const files = json(result);
      expect(hits(files, 'cm.yaml', 'unused-suppression')).toEqual([]);
      expect(hits(files, 'sc.yaml', 'sc-unknown-parameter')).toEqual(['sc-unknown-parameter@7']);
      expect(fs.readdirSync(dir).sort()).toEqual(['cm.yaml', 'sc.yaml']); // no temporary files left

      const mtime = fs.statSync(path.join(dir, 'cm.yaml')).mtimeMs;
      const again = run(['--fix'], { cwd: dir });
      expect(again.code).toBe(1);
      expect(read(dir, 'cm.yaml')).toBe(FIXED);
      expect(fs.statSync(path.join(dir, 'cm.yaml')).mtimeMs).toBe(mtime); // nothing to fix: not rewritten
    } finally {
      removeTree(dir);
    }
  });

  it('loops until no fix applies (overlapping fixes land in later passes)', () => {
    const text = `${CLEAN}# vsphere-csi-lint-disable-next-line k8s-schema, sc-unknown-parameter -- stale\nextra: 1 # kept\n`;
    const dir = tree({ 'cm.yaml': text });
    try {
      const result = run(['--fix', '-f', 'json'], { cwd: dir });
      expect(result.code).toBe(0);
      expect(json(result).flatMap((f) => f.messages)).toEqual([]);
      expect(read(dir, 'cm.yaml')).toBe(`${CLEAN}extra: 1 # kept\n`);
    } finally {
      removeTree(dir);
    }
  });

  it('never touches a file with a YAML syntax error, or a template', () => {
    const broken = `# vsphere-csi-lint-disable-next-line k8s-schema\n${BROKEN}`;
    const template = `# vsphere-csi-lint-disable-next-line k8s-schema\nname: {{ .Values.name }}\n`;
    const dir = tree({ 'broken.yaml': broken, 'template.yaml': template });
    try {
      const result = run(['--fix', '-f', 'json'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(read(dir, 'broken.yaml')).toBe(broken);
      expect(read(dir, 'template.yaml')).toBe(template);
      expect(hits(json(result), 'broken.yaml', 'yaml-syntax').length).toBeGreaterThan(0);
    } finally {
      removeTree(dir);
    }
  });

  it('keeps a byte order mark and CRLF line endings, and writes through symbolic links', () => {
    const crlf = UNUSED_SUPPRESSION.replace(/\n/g, '\r\n');
    const dir = tree({ 'bom.yaml': `\uFEFF${UNUSED_SUPPRESSION}`, 'crlf.yaml': crlf, 'target/real.yaml': UNUSED_SUPPRESSION });
    fs.symlinkSync(path.join(dir, 'target', 'real.yaml'), path.join(dir, 'link.yaml'));
    try {
      const result = run(['--fix', 'bom.yaml', 'crlf.yaml', 'link.yaml'], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(read(dir, 'bom.yaml')).toBe(`\uFEFF${FIXED}`);
      expect(read(dir, 'crlf.yaml')).toBe(FIXED.replace(/\n/g, '\r\n'));
      expect(fs.lstatSync(path.join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
      expect(read(dir, 'target/real.yaml')).toBe(FIXED);
    } finally {
      removeTree(dir);
    }
  });

  it('with --quiet applies only the fixes of errors', () => {
    const dir = tree({ 'cm.yaml': UNUSED_SUPPRESSION });
    try {
      expect(run(['--fix', '--quiet'], { cwd: dir }).code).toBe(0);
      expect(read(dir, 'cm.yaml')).toBe(UNUSED_SUPPRESSION);
      expect(run(['--fix', '--quiet', '--rule', 'unused-suppression=error'], { cwd: dir }).code).toBe(0);
      expect(read(dir, 'cm.yaml')).toBe(FIXED);
    } finally {
      removeTree(dir);
    }
  });
});
