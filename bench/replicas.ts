/**
 * `npm run bench:replicas`: enroll throughput of one server in memory, one replica on Redis, and two replicas on
 * the same Redis, each driven by its own autocannon (what a load balancer would spread), on loopback. Needs
 * Debian's redis-server (/usr/bin/redis-server). Figures to read, not assertions: on a 2-core machine the two
 * replicas, Redis and the load generators share the same cores (docs/deployment.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { enrollPath } from '../src/generated/outcomes.js';
import { freePort } from '../test/support/free-port.js';
import { redisSkipReason, startRedis } from '../test/support/redis-server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const face = readFileSync(new URL('../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const body = JSON.stringify({ faceImage: face, userId: 'bench-user', region: 'PHL' });
const headers = { 'content-type': 'application/json', 'x-access-token': 'bench-token' };

async function serve(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['dist/bundle/cli.mjs', 'serve', '--port', String(port), '--rules', 'none', '--log-level', 'warn', ...args],
    {
      stdio: 'inherit',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/__admin/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`serve ${args.join(' ')} exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

async function load(url: string, seconds = SECONDS) {
  const result = await autocannon({ url: url + enrollPath, method: 'POST', headers, body, connections: CONNECTIONS, duration: seconds });
  if (result.non2xx || result.errors) throw new Error(`bench: ${result.non2xx} non-2xx and ${result.errors} errors at ${url}`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
}

const skip = redisSkipReason();
if (skip) {
  console.log(`bench:replicas skipped: ${skip}`);
  process.exit(0);
}
const redis = await startRedis();
try {
  const rows: Array<[string, { rps: number; p50: number; p99: number }]> = [];
  const memory = await serve([]);
  await load(memory.url, 2); // warm-up
  rows.push(['1 server, memory', await load(memory.url)]);
  await stop(memory.child);

  const a = await serve(['--store', redis.url]);
  await load(a.url, 2);
  rows.push(['1 replica, Redis', await load(a.url)]);
  const b = await serve(['--store', redis.url]);
  await load(b.url, 2);
  const [onA, onB] = await Promise.all([load(a.url), load(b.url)]);
  rows.push(['2 replicas, Redis (sum)', { rps: onA.rps + onB.rps, p50: Math.max(onA.p50, onB.p50), p99: Math.max(onA.p99, onB.p99) }]);
  await Promise.all([stop(a.child), stop(b.child)]);

  console.log(
    `\nenroll with a ${Buffer.from(face, 'base64').length}-byte JPEG, ${CONNECTIONS} connections per server, ${SECONDS} s, ${cpus().length} CPUs, ${process.version}`,
  );
  console.log('| setup | req/s | p50 ms | p99 ms |\n|---|---|---|---|');
  for (const [name, r] of rows) console.log(`| ${name} | ${r.rps} | ${r.p50} | ${r.p99} |`);
  console.log(
    `two replicas over one: ${(rows[2]![1].rps / rows[1]![1].rps).toFixed(2)}x; Redis over memory (one process): ${(rows[1]![1].rps / rows[0]![1].rps).toFixed(2)}x`,
  );
} finally {
  await redis.stop();
}
