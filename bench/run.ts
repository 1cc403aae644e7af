/**
 * `npm run bench`: our server against the Prism CLI and a bare node:http ceiling, on loopback, in one run.
 * Prints a table with ratios and writes bench/results.json and bench/results.md. Not part of npm test:
 * timings on a shared machine are figures to read, not assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, tmpdir, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHandlers } from '../mocks/index.js';
import { enrollPath } from '../src/generated/outcomes.js';
import { encodeJpeg, facePixels } from '../test/support/fixture-images.js';
import { freePort } from '../test/support/free-port.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);

/** A face JPEG of about `target` bytes: the side grows until the file is big enough. */
function jpegNear(target: number): Buffer {
  for (let side = 256; side <= 4096; side += 32) {
    const bytes = encodeJpeg(facePixels(side, side, 40, 3), 90);
    if (bytes.length >= target) return bytes;
  }
  throw new Error(`cannot make a ${target}-byte JPEG`);
}

const images = { '150KB': jpegNear(150_000), '1.5MB': jpegNear(1_500_000) };
const bodyOf = (image: Buffer) => JSON.stringify({ faceImage: image.toString('base64'), userId: 'bench-user', region: 'PHL' });
const headers = { 'content-type': 'application/json', 'x-access-token': 'bench-token' };

interface Target {
  name: string;
  start(port: number): { child: ChildProcess; ready: Promise<void> };
}

function spawnReady(command: string, args: string[], port: number, readyPath = enrollPath): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(command, args, { stdio: 'ignore' });
  const ready = (async () => {
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}${readyPath}`, { method: 'POST', headers, body: bodyOf(images['150KB']) });
        if ((await r.json()).code === 'SUCCESS') return;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return { child, ready };
}

const targets: Target[] = [
  {
    name: 'ours',
    start: (port) =>
      spawnReady(
        process.execPath,
        ['dist/bundle/cli.mjs', 'serve', '--port', String(port), '--log-level', 'info', '--log-format', 'json'],
        port,
      ),
  },
  {
    name: 'prism',
    start: (port) =>
      spawnReady(
        process.execPath,
        ['node_modules/@stoplight/prism-cli/dist/index.js', 'mock', 'spec/openapi.yaml', '-h', '127.0.0.1', '-p', String(port)],
        port,
      ),
  },
  { name: 'bare', start: (port) => spawnReady(process.execPath, ['bench/bare-server.mjs', String(port)], port) },
];

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

async function load(port: number, body: string, options: { duration?: number; amount?: number }): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${enrollPath}`,
    method: 'POST',
    headers,
    body,
    connections: CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? DURATION }),
    timeout: 30,
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
  return { rss: Math.round(kb('VmRSS')), peak: Math.round(kb('VmHWM')) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function coldStart(target: Target): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const port = await freePort();
    const started = performance.now();
    const { child, ready } = target.start(port);
    await ready;
    runs.push(performance.now() - started);
    await stop(child);
  }
  return Math.round(median(runs));
}

async function mswRate(): Promise<{ ours: number; fixed: number }> {
  const body = bodyOf(images['150KB']);
  const url = `https://sg-api.advance.ai${enrollPath}`;
  const rate = async (server: ReturnType<typeof setupServer>) => {
    server.listen({ onUnhandledRequest: 'error' });
    const run = async (count: number) => {
      let next = 0;
      const worker = async () => {
        while (next++ < count) {
          const r = await fetch(url, { method: 'POST', headers, body });
          if ((await r.json()).code !== 'SUCCESS') throw new Error('MSW bench: not SUCCESS');
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: CONNECTIONS }, worker));
      return count / ((performance.now() - started) / 1000);
    };
    await run(300); // warm-up
    const result = await run(3000);
    server.close();
    return Math.round(result);
  };
  const answer = { code: 'SUCCESS', message: 'OK', data: null, extra: null, transactionId: 'ed8b21c0c87ad617', pricingStrategy: 'FREE' };
  const fixed = await rate(setupServer(http.post(url, async ({ request }) => (await request.json(), HttpResponse.json(answer)))));
  const ours = await rate(setupServer(...createHandlers({ seed: 1 })));
  return { ours, fixed };
}

async function main(): Promise<void> {
  console.log(
    `bench: ${CONNECTIONS} connections, ${DURATION} s per run, images ${Object.entries(images)
      .map(([k, v]) => `${k}=${v.length} B`)
      .join(', ')}`,
  );
  const throughput: Record<string, Record<string, Load>> = {};
  for (const [imageName, image] of Object.entries(images)) {
    throughput[imageName] = {};
    for (const target of targets) {
      const port = await freePort();
      const { child, ready } = target.start(port);
      await ready;
      await load(port, bodyOf(image), { duration: 2 }); // warm-up
      throughput[imageName]![target.name] = await load(port, bodyOf(image), {});
      await stop(child);
      console.log(`  ${imageName} ${target.name.padEnd(5)} ${JSON.stringify(throughput[imageName]![target.name])}`);
    }
  }

  const cold = { ours: await coldStart(targets[0]!), prism: await coldStart(targets[1]!) };
  console.log(`  cold start (median of ${COLD_RUNS}): ${JSON.stringify(cold)}`);

  const port = await freePort();
  // The memory probe (bench only) adds a full GC on demand, to tell retained memory from uncollected garbage.
  const probeFile = join(mkdtempSync(join(tmpdir(), 'bench-')), 'memory.json');
  process.env.MEMORY_PROBE_FILE = probeFile;
  const { child, ready } = spawnReady(
    process.execPath,
    ['--expose-gc', '--import', './bench/memory-probe.mjs', 'dist/bundle/cli.mjs', 'serve', '--port', String(port), '--log-format', 'json'],
    port,
  );
  await ready;
  const probe = async () => {
    rmSync(probeFile, { force: true });
    child.kill('SIGUSR2');
    for (let i = 0; i < 100 && !existsSync(probeFile); i++) await new Promise((r) => setTimeout(r, 20));
    return JSON.parse(readFileSync(probeFile, 'utf8')) as { heapUsed: number; external: number };
  };
  const body = bodyOf(images['150KB']);
  await load(port, body, { amount: 5_000 });
  const at5k = rssOf(child.pid!);
  const heap5k = await probe();
  await load(port, body, { amount: 45_000 });
  const at50k = rssOf(child.pid!);
  const heap50k = await probe();
  await stop(child);
  const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  const memory = {
    rssAt5kMB: at5k.rss,
    rssAt50kMB: at50k.rss,
    peakRssMB: at50k.peak,
    growth: Math.round((at50k.rss / at5k.rss - 1) * 1000) / 10,
    heapAfterGcAt5kMB: mb(heap5k.heapUsed),
    heapAfterGcAt50kMB: mb(heap50k.heapUsed),
    heapGrowth: Math.round((heap50k.heapUsed / heap5k.heapUsed - 1) * 1000) / 10,
  };
  console.log(`  memory: ${JSON.stringify(memory)}`);

  const msw = await mswRate();
  console.log(`  msw in-process req/s: ${JSON.stringify(msw)}`);

  const t = throughput['150KB']!;
  const ratios = {
    oursOverPrism150KB: round(t.ours!.rps / t.prism!.rps),
    oursOverBare150KB: round(t.ours!.rps / t.bare!.rps),
    oursOverPrism1_5MB: round(throughput['1.5MB']!.ours!.rps / throughput['1.5MB']!.prism!.rps),
    oursOverBare1_5MB: round(throughput['1.5MB']!.ours!.rps / throughput['1.5MB']!.bare!.rps),
    coldOursOverPrism: round(cold.ours / cold.prism),
    mswOursOverFixed: round(msw.ours / msw.fixed),
    rssGrowth5kTo50kPercent: memory.growth,
    heapAfterGcGrowth5kTo50kPercent: memory.heapGrowth,
  };
  const targetsMet = {
    'throughput 150KB >= 10x Prism': ratios.oursOverPrism150KB >= 10,
    'throughput 150KB >= 60% of bare': ratios.oursOverBare150KB >= 0.6,
    'cold start <= 50% of Prism': ratios.coldOursOverPrism <= 0.5,
    'RSS growth 5k->50k <= 10%': memory.growth <= 10,
    'heap after GC growth 5k->50k <= 10% (leak check)': memory.heapGrowth <= 10,
    'peak RSS < 200 MB': memory.peakRssMB < 200,
    'MSW >= 50% of fixed handler': ratios.mswOursOverFixed >= 0.5,
  };
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const results = {
    date: new Date().toISOString(),
    machine,
    settings: {
      connections: CONNECTIONS,
      seconds: DURATION,
      coldRuns: COLD_RUNS,
      imageBytes: Object.fromEntries(Object.entries(images).map(([k, v]) => [k, v.length])),
    },
    throughput,
    cold,
    memory,
    msw,
    ratios,
    targetsMet,
  };
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  const md = toMarkdown(results);
  writeFileSync('bench/results.md', md);
  console.log('\n' + md);
}

const round = (n: number) => Math.round(n * 100) / 100;

function toMarkdown(r: {
  date: string;
  machine: object;
  throughput: Record<string, Record<string, Load>>;
  cold: Record<string, number>;
  memory: Record<string, number>;
  msw: Record<string, number>;
  ratios: Record<string, number>;
  targetsMet: Record<string, boolean>;
}): string {
  const lines = [
    `Run ${r.date} on ${JSON.stringify(r.machine)}`,
    '',
    '| image | server | req/s | p50 ms | p99 ms | errors | non-2xx |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [image, byTarget] of Object.entries(r.throughput)) {
    for (const [name, l] of Object.entries(byTarget))
      lines.push(`| ${image} | ${name} | ${l.rps} | ${l.p50} | ${l.p99} | ${l.errors} | ${l.non2xx} |`);
  }
  lines.push('', `Cold start to first SUCCESS (median): ours ${r.cold.ours} ms, Prism CLI ${r.cold.prism} ms.`);
  lines.push(
    `Memory (ours, 150KB image): RSS ${r.memory.rssAt5kMB} MB after 5,000 requests, ${r.memory.rssAt50kMB} MB after 50,000 (${r.memory.growth}%), peak ${r.memory.peakRssMB} MB; heap after a full GC ${r.memory.heapAfterGcAt5kMB} MB and ${r.memory.heapAfterGcAt50kMB} MB (${r.memory.heapGrowth}%).`,
  );
  lines.push(`MSW in-process (150KB image): ours ${r.msw.ours} req/s, fixed-response handler ${r.msw.fixed} req/s.`, '');
  lines.push('| ratio | value |', '|---|---|', ...Object.entries(r.ratios).map(([k, v]) => `| ${k} | ${v} |`), '');
  lines.push('| target | met |', '|---|---|', ...Object.entries(r.targetsMet).map(([k, v]) => `| ${k} | ${v ? 'yes' : 'NO'} |`), '');
  return lines.join('\n');
}

await main();
process.exit(0);
