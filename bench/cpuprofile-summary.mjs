#!/usr/bin/env node
// Summarises V8 .cpuprofile files (from `node --cpu-prof`): top functions by self time and by
// inclusive time, and self time per source module of the esbuild bundle (found from the
// `// server/src/...` comments esbuild writes before each module).
//
//   VSPHERE_CSI_LINT_WORKERS=0 node --cpu-prof --cpu-prof-dir=/tmp/prof server/dist/cli.js --format sarif <corpus> > /dev/null
//   node bench/cpuprofile-summary.mjs /tmp/prof/*.cpuprofile        (env TOP=40 for more rows)
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node bench/cpuprofile-summary.mjs <file.cpuprofile>...');
  process.exit(2);
}
const TOP = Number(process.env.TOP) || 25;
const self = new Map();
const inclusive = new Map();
const byModule = new Map();
let total = 0;

const moduleIndex = new Map();
function moduleOf(url, line) {
  if (!url) return '(native)';
  if (!url.startsWith('file://') || url.includes('/node_modules/')) return url.replace(/^.*node_modules\//, 'node_modules/');
  const file = fileURLToPath(url);
  if (!moduleIndex.has(file)) {
    const idx = [];
    try {
      fs.readFileSync(file, 'utf8').split('\n').forEach((l, i) => {
        const m = /^\/\/ (?:\S*\/)?((?:server|client|node_modules)\/\S+)$/.exec(l);
        if (m) idx.push([i, m[1]]);
      });
    } catch {
      // The bundle changed or is gone: fall back to the bundle name.
    }
    moduleIndex.set(file, idx);
  }
  const idx = moduleIndex.get(file);
  let lo = 0;
  let hi = idx.length - 1;
  let best = '(bundle runtime)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (idx[mid][0] <= line) { best = idx[mid][1]; lo = mid + 1; } else hi = mid - 1;
  }
  return best.replace(/^node_modules\/yaml\/.*/, 'node_modules/yaml/*');
}

for (const f of files) {
  const profile = JSON.parse(fs.readFileSync(f, 'utf8'));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'}  ${moduleOf(n.callFrame.url, n.callFrame.lineNumber)}:${n.callFrame.lineNumber + 1}`;
  const onStack = new Map();
  // Iterative post-order walk (profiles can be deep).
  const stack = [{ node: byId.get(profile.nodes[0].id), child: 0, sum: 0 }];
  const enter = (node) => {
    const k = keyOf(node);
    onStack.set(k, (onStack.get(k) ?? 0) + 1);
    const us = selfUs.get(node.id) ?? 0;
    total += us;
    self.set(k, (self.get(k) ?? 0) + us);
    const m = node.callFrame.url ? moduleOf(node.callFrame.url, node.callFrame.lineNumber) : node.callFrame.functionName;
    byModule.set(m, (byModule.get(m) ?? 0) + us);
    return us;
  };
  stack[0].sum = enter(stack[0].node);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const children = top.node.children ?? [];
    if (top.child < children.length) {
      const node = byId.get(children[top.child++]);
      stack.push({ node, child: 0, sum: enter(node) });
      continue;
    }
    stack.pop();
    const k = keyOf(top.node);
    onStack.set(k, onStack.get(k) - 1);
    if (onStack.get(k) === 0) inclusive.set(k, (inclusive.get(k) ?? 0) + top.sum); // recursion counted once
    if (stack.length) stack[stack.length - 1].sum += top.sum;
  }
}

const show = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${(v / 1000).toFixed(0).padStart(7)} ms ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
  }
};
console.log(`${files.length} profile(s), ${(total / 1000).toFixed(0)} ms sampled`);
show('Self time', self, TOP);
show('Inclusive time (recursion counted once)', inclusive, TOP);
show('Self time by source module', byModule, 20);
