// Worker threads are a performance feature only: a run split across workers must give exactly
// the output of a single-threaded run (VSPHERE_CSI_LINT_WORKERS forces the mode).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BAD_CLASS, BROKEN, CLEAN, removeTree, run, tree, UNUSED_SUPPRESSION } from './helpers.js';

const FILES = 200;
let dir: string;

function generated(): Record<string, string> {
  const files: Record<string, string> = {
    '.vsphere-csi.yaml': 'ignore: ["skipped/**"]\n',
    'team/.vsphere-csi.yaml': 'rules:\n  sc-unknown-parameter: warning\n',
    'skipped/x.yaml': BAD_CLASS,
  };
  for (let i = 0; i < FILES; i++) {
    const folder = i % 3 === 0 ? 'team' : `deploy/group-${i % 7}`;
    const name = `${folder}/file-${String(i).padStart(3, '0')}.yaml`;
    const pvc = `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data-${i}\nspec:\n  storageClassName: class-${(i * 7) % FILES}\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: ${i + 1}Gi\n`;
    const sc = BAD_CLASS.replace('name: gold', `name: class-${i}`).replace('storagePolicy', i % 2 ? 'storagePolicy' : 'storagepolicyname');
    switch (i % 5) {
      case 0:
        files[name] = `${sc}---\n${pvc}`;
        break;
      case 1:
        files[name] = `${UNUSED_SUPPRESSION}---\n${pvc}`;
        break;
      case 2:
        files[name] = i % 10 === 2 ? BROKEN : `${CLEAN}---\n${sc}`;
        break;
      case 3:
        files[name] = `${pvc.replace('ReadWriteOnce', 'ReadWriteSometimes')}`;
        break;
      default:
        files[name] = `# filler ${'x'.repeat(i * 20)}\n${CLEAN}`;
    }
  }
  return files;
}

beforeAll(() => {
  assertBuilt();
  dir = tree(generated());
});
afterAll(() => removeTree(dir));

describe('worker threads', () => {
  it.each(['json', 'sarif', 'github', 'stylish'])('give the same %s output as the main thread', (format) => {
    const single = run(['-f', format], { cwd: dir, env: { VSPHERE_CSI_LINT_WORKERS: '0' } });
    const parallel = run(['-f', format], { cwd: dir, env: { VSPHERE_CSI_LINT_WORKERS: '3' } });
    expect(single.code).toBe(1);
    expect(single.stderr).toBe('');
    expect(parallel.code).toBe(single.code);
    expect(parallel.stderr).toBe(single.stderr);
    expect(parallel.stdout).toBe(single.stdout);
    if (format === 'json') {
      const files = JSON.parse(single.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
      expect(files).toHaveLength(FILES);
      const rules = new Set(files.flatMap((f) => f.messages.map((m) => m.ruleId)));
      for (const id of ['sc-unknown-parameter', 'unused-suppression', 'yaml-syntax', 'k8s-schema']) expect(rules).toContain(id);
    }
  });

  it('apply the same fixes as the main thread, and report I/O problems the same way', () => {
    const copyA = tree({});
    const copyB = tree({});
    fs.cpSync(dir, copyA, { recursive: true });
    fs.cpSync(dir, copyB, { recursive: true });
    for (const copy of [copyA, copyB]) fs.writeFileSync(path.join(copy, 'deploy', 'binary.yaml'), Buffer.from([0x61, 0, 0x62]));
    try {
      const single = run(['--fix', '-f', 'json'], { cwd: copyA, env: { VSPHERE_CSI_LINT_WORKERS: '0' } });
      const parallel = run(['--fix', '-f', 'json'], { cwd: copyB, env: { VSPHERE_CSI_LINT_WORKERS: '4' } });
      expect(single.code).toBe(2);
      expect(single.stderr).toBe('vsphere-csi-lint: deploy/binary.yaml: binary file (NUL byte found); skipped\n');
      expect(parallel).toEqual(single);
      const list = (root: string) => fs.readdirSync(root, { recursive: true }).map(String).sort();
      expect(list(copyB)).toEqual(list(copyA));
      let changed = 0;
      for (const name of list(copyA)) {
        const a = path.join(copyA, name);
        if (!fs.statSync(a).isFile()) continue;
        expect(fs.readFileSync(path.join(copyB, name), 'utf8'), name).toBe(fs.readFileSync(a, 'utf8'));
        const original = path.join(dir, name);
        if (fs.existsSync(original) && fs.readFileSync(a, 'utf8') !== fs.readFileSync(original, 'utf8')) changed++;
      }
      expect(changed).toBeGreaterThan(0);
    } finally {
      removeTree(copyA);
      removeTree(copyB);
    }
  });

  it('are used by default for a large run and still give the same output', () => {
    const big = tree({});
    fs.cpSync(dir, big, { recursive: true });
    // Over 1 MB in total makes the default mode use workers when the machine has 2+ cores.
    fs.writeFileSync(path.join(big, 'padding.yaml'), `# ${'p'.repeat(1024 * 1024)}\n${CLEAN}`);
    try {
      const auto = run(['-f', 'json'], { cwd: big, env: { VSPHERE_CSI_LINT_DEBUG: '1' } });
      const single = run(['-f', 'json'], { cwd: big, env: { VSPHERE_CSI_LINT_WORKERS: '0' } });
      expect(auto.stdout).toBe(single.stdout);
      expect(auto.code).toBe(single.code);
      const mode = os.availableParallelism() >= 2 ? /main thread and \d+ worker threads?/ : /main thread/;
      expect(auto.stderr).toMatch(new RegExp(`^vsphere-csi-lint: debug: ${FILES + 1} files, \\d+ bytes, ${mode.source}\\n$`));
    } finally {
      removeTree(big);
    }
  });
});
