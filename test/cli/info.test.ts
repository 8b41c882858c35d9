// --help, --version, --list-rules, --explain.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, removeTree, ROOT, run, tree } from './helpers.js';

let cwd: string;
beforeAll(() => {
  assertBuilt();
  cwd = tree({});
  return () => removeTree(cwd);
});

describe('information options', () => {
  it('--help documents every option and the exit codes', () => {
    const result = run(['--help'], { cwd });
    expect(result.code).toBe(0);
    for (const option of [
      '--format', '--output', '--config', '--rule', '--max-warnings', '--quiet', '--fix', '--stdin-filename',
      '--list-rules', '--explain', '--color', '--no-color', '--version', '--help', 'NO_COLOR', 'FORCE_COLOR', 'VSPHERE_CSI_LINT_WORKERS',
    ]) {
      expect(result.stdout).toContain(option);
    }
    expect(result.stdout).toMatch(/Exit codes:\n\s+0 .*\n\s+1 .*\n\s+2 /);
    expect(run(['-h'], { cwd }).stdout).toBe(result.stdout);
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(run(['--version'], { cwd })).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('--list-rules prints a table of id, default severity, fixable, category and description', () => {
    const result = run(['--list-rules'], { cwd });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+FIXABLE\s+CATEGORY\s+DESCRIPTION$/);
    expect(result.stdout).toMatch(/^sc-unknown-parameter\s+error\s+suggestions\s+StorageClass\s+\S.+$/m);
    expect(result.stdout).toMatch(/^unused-suppression\s+warning\s+yes\s+Files\s+\S.+$/m);
    expect(result.stdout).toMatch(/^template-skipped\s+info\s+no\s+Files\s+\S.+$/m);
    const ids = lines.slice(1).map((l) => l.split(/\s+/)[0]!);
    expect(ids).toEqual([...ids].sort());

    const asJson = JSON.parse(run(['--list-rules', '--format', 'json'], { cwd }).stdout);
    expect(asJson.find((r: { id: string }) => r.id === 'yaml-syntax')).toMatchObject({ defaultSeverity: 'error', fixable: false, category: 'Files' });
  });

  it('--explain prints the rule documentation', () => {
    const result = run(['--explain', 'sc-unknown-parameter'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sc-unknown-parameter\n/);
    expect(result.stdout).toContain('Default severity: error');
    expect(result.stdout).toMatch(/Docs: https:\/\/\S+\/docs\/rules\/sc-unknown-parameter\.md/);
    // Markdown headings become plain lines; YAML comments inside examples keep their '#'.
    expect(result.stdout).not.toMatch(/^#+ (Why|Details|Sources)/m);
    expect(result.stdout).toMatch(/^Why$/m);
    expect(result.stdout).toContain('# vsphere-csi-lint-disable-next-line sc-unknown-parameter -- reason');
    expect(run(['--explain', 'config-invalid'], { cwd }).code).toBe(0);
    const unknown = run(['--explain', 'no-such-rule'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^vsphere-csi-lint: unknown rule "no-such-rule"\./);
  });
});
