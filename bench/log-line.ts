/**
 * `npx tsx bench/log-line.ts > /dev/null`: the CPU time of the server's per-request log line (one Save Enroll
 * answered by the checks) through the logger `serve` uses, at the default level (info, JSON lines, as on a
 * non-terminal stdout) and at `--log-level warn`, where the line is dropped before anything is cut or built.
 * Figures on stderr; compare them with a request's cost (docs/benchmarks.md: where the time goes).
 */
import { createLogger } from '../src/server/create-logger.js';
import { keptLogger } from '../src/server/kept-logger.js';
import { enrollPath } from '../src/generated/outcomes.js';

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function perLine(level: 'info' | 'warn'): number {
  const log = keptLogger(createLogger(level, 'json'));
  const method = 'POST';
  const path = enrollPath;
  // The same call as the server's (create-mock-server.ts), with what the responder reports for a SUCCESS.
  const line = (latencyMs: number) => {
    const done = { operation: 'saveEnroll', outcome: 'SUCCESS', status: 200, latencyMs, source: 'check', stage: 'success' };
    const by = ` [${done.source}${done.source === 'check' && done.stage ? ` ${done.stage}` : ''}]`;
    log.info({ method, path, ...done }, `${method} ${path} -> ${done.outcome}${by} (${done.latencyMs} ms)`);
  };
  for (let i = 0; i < LINES / 5; i++) line(i % 7); // warm-up
  const started = process.cpuUsage();
  for (let i = 0; i < LINES; i++) line(i % 7);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / LINES;
}

const rounds: Record<'info' | 'warn', number[]> = { info: [], warn: [] };
for (let r = 0; r < ROUNDS; r++) for (const level of ['info', 'warn'] as const) rounds[level].push(perLine(level));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
process.stderr.write(
  `CPU per request log line, median of ${ROUNDS} x ${LINES}: info ${median(rounds.info).toFixed(2)} us, ` +
    `warn ${median(rounds.warn).toFixed(2)} us (stdout should be /dev/null or a file)\n`,
);
