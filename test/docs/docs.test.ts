// The rule docs are generated from the rule metadata (scripts/gen-docs.mjs); this fails when they
// drift, and when a rule's metadata is too thin to produce a useful page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLanguageService, renderRuleMarkdown, ruleDocsUrl, type Citation, type RuleMeta } from '../../server/src/service/index.js';

const root = path.resolve(__dirname, '..', '..');
const rules: readonly RuleMeta[] = createLanguageService().rules;

/** Rules about driver behaviour must say where the behaviour comes from. */
const CITED_PREFIXES = ['sc-', 'pvc-', 'workload-', 'sts-', 'vsc-', 'vs-', 'pv-', 'csidriver-', 'feature-', 'csi-conf-', 'vm-', 'esxi-'];

function citationProblems(citation: Citation): string[] {
  const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
  switch (citation.kind) {
    case 'note':
      return [...(blank(citation.title) ? ['note without title'] : []), ...(blank(citation.blog) ? ['note without blog'] : []), ...(blank(citation.date) ? ['note without date'] : [])];
    case 'driver':
      return [...(blank(citation.path) ? ['driver citation without path'] : []), ...(blank(citation.versions) ? ['driver citation without versions'] : [])];
    case 'kubernetes':
      return [...(blank(citation.path) ? ['kubernetes citation without path'] : []), ...(blank(citation.repo) ? ['kubernetes citation without repo'] : [])];
    default:
      return [`unknown citation kind ${(citation as { kind: string }).kind}`];
  }
}

describe('generated rule docs', () => {
  it('docs/rules and the README rule table match the rule metadata (run `npm run docs` to update)', () => {
    let output = '';
    let status = 0;
    try {
      output = execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-docs.mjs'), '--check'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      status = failed.status;
      output = `${failed.stdout}${failed.stderr}`;
    }
    expect(status, output).toBe(0);
  });

  it('every rule has a page, and every page belongs to a rule', () => {
    const pages = fs.readdirSync(path.join(root, 'docs', 'rules')).filter((name) => name.endsWith('.md') && name !== 'README.md');
    expect(pages.map((name) => name.replace(/\.md$/, '')).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it('a page is the rendered metadata and the docs URL points at it', () => {
    for (const meta of rules) {
      const page = fs.readFileSync(path.join(root, 'docs', 'rules', `${meta.id}.md`), 'utf8');
      expect(page).toContain(renderRuleMarkdown(meta).trimEnd());
      expect(ruleDocsUrl(meta.id).endsWith(`/docs/rules/${meta.id}.md`)).toBe(true);
    }
  });

  it('the README lists every rule between its markers', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const start = readme.indexOf('<!-- rules:start -->');
    const end = readme.indexOf('<!-- rules:end -->');
    expect(start, 'README has <!-- rules:start -->').toBeGreaterThan(-1);
    expect(end, 'README has <!-- rules:end -->').toBeGreaterThan(start);
    const table = readme.slice(start, end);
    for (const meta of rules) expect(table, meta.id).toContain(`(docs/rules/${meta.id}.md)`);
  });
});

describe('rule metadata is complete', () => {
  it('ids are unique kebab-case', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s has description, why, docs and a known severity and category', (_id, meta) => {
    expect(meta.description.trim()).not.toBe('');
    expect(meta.description).not.toContain('\n');
    expect(meta.why.trim()).not.toBe('');
    expect(meta.docs.trim()).not.toBe('');
    expect(['error', 'warning', 'info']).toContain(meta.defaultSeverity);
    expect(['StorageClass', 'PersistentVolumeClaim', 'Workloads', 'Snapshots', 'Driver objects', 'Files', 'csi-vsphere.conf', 'Node VMs', 'ESXi hosts']).toContain(meta.category);
    expect(typeof meta.fixable).toBe('boolean');
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s cites complete sources', (id, meta) => {
    if (CITED_PREFIXES.some((prefix) => id.startsWith(prefix))) {
      expect(meta.citations.length, `${id} needs at least one citation`).toBeGreaterThan(0);
    }
    expect(meta.citations.flatMap(citationProblems)).toEqual([]);
  });
});

describe('README command-line reference', () => {
  it('documents every option that --help lists', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '..', '..');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('<!-- cli:start -->'), readme.indexOf('<!-- cli:end -->'));
    const args = readFileSync(join(root, 'server', 'src', 'cli', 'args.ts'), 'utf8');
    const help = args.slice(args.indexOf('Options:'), args.indexOf('Exit codes:'));
    const options = [...help.matchAll(/--[a-z][a-z-]+/g)].map((m) => m[0]);
    expect(options.length).toBeGreaterThan(10);
    for (const option of new Set(options)) expect(section, `README lacks ${option}`).toContain(option);
  });
});
