// Preloaded into benchmark child processes with `node --require bench/lib/report-usage.cjs ...`.
// At exit it writes process.resourceUsage() (peak RSS, CPU time) as JSON to the file named by
// the BENCH_USAGE_FILE environment variable. getrusage(RUSAGE_SELF) covers the whole process,
// so worker threads are included; only the main thread writes (workers inherit the preload).
'use strict';
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const target = process.env.BENCH_USAGE_FILE;
if (target && isMainThread) {
  process.on('exit', (code) => {
    const u = process.resourceUsage();
    const report = {
      pid: process.pid,
      exitCode: code,
      maxRSSKiB: u.maxRSS,
      userCPUMicros: u.userCPUTime,
      systemCPUMicros: u.systemCPUTime,
      voluntaryContextSwitches: u.voluntaryContextSwitches,
      involuntaryContextSwitches: u.involuntaryContextSwitches,
      uptimeSeconds: process.uptime(),
    };
    try {
      fs.writeFileSync(target, JSON.stringify(report) + '\n');
    } catch {
      // Nothing sensible to do while exiting; the runner reports the missing file.
    }
  });
}
