// Preloaded into the server by the benchmark only (node --expose-gc --import ./bench/memory-probe.mjs):
// on SIGUSR2, run a full GC and write memory figures to the file named by MEMORY_PROBE_FILE. It tells
// retained memory (a leak) from garbage the collector has not yet reclaimed, which RSS cannot.
import { writeFileSync } from 'node:fs';

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  writeFileSync(process.env.MEMORY_PROBE_FILE, JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external }));
});
