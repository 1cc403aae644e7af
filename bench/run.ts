/**
 * `npm run bench`: Save Enroll with a face JPEG of about 140 KB sent as base64, against this kit (with
 * `--log-level warn` and with the default log level), WireMock standalone, the Mockoon CLI, the Prism CLI and a
 * bare node:http ceiling, each as its users run it, all on 127.0.0.1. The servers run side by side; each round
 * loads every server in turn (autocannon, 16 connections), and the table shows each one's median over the
 * rounds, so a machine that slows down for a while slows every server alike. Then the import cost (a fresh
 * process importing face-enroll-mock/node against one importing msw/node) and the browser bundle's size.
 * Prints a table and writes bench/results.json and bench/results.md. Not part of npm test: timings on a shared
 * machine are figures to read, not assertions.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { enrollPath } from '../src/generated/outcomes.js';
import { encodeJpeg, facePixels } from '../test/support/fixture-images.js';
import { freePort } from '../test/support/free-port.js';
import { measureBrowserBundle } from '../test/support/measure-browser-bundle.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 11);
/** The kit's memory under load: RSS after 5 s and after this many seconds of full load (0 leaves it out). */
const MEMORY_SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 60);
const HOST = '127.0.0.1';

/** A face JPEG of at least `target` bytes: the side grows until the file is big enough. */
function jpegNear(target: number): Buffer {
  for (let side = 256; side <= 4096; side += 16) {
    const bytes = encodeJpeg(facePixels(side, side, 40, 3), 90);
    if (bytes.length >= target) return bytes;
  }
  throw new Error(`cannot make a ${target}-byte JPEG`);
}

const image = jpegNear(140_000);
const body = JSON.stringify({ faceImage: image.toString('base64'), userId: 'bench-user', region: 'PHL' });
const headers = { 'content-type': 'application/json', 'x-access-token': 'bench-token' };
const SUCCESS = { code: 'SUCCESS', message: 'OK', data: null, extra: null, transactionId: 'ed8b21c0c87ad617', pricingStrategy: 'FREE' };

interface Server {
  name: string;
  /** How it is started, for the table's reader. */
  how: string;
  /** Why it is left out (a missing runtime), instead of a command. */
  skip?: string;
  command: (port: number) => [string, string[]];
}

const wiremockJar = (() => {
  const dir = 'node_modules/wiremock/build';
  const jar = existsSync(dir)
    ? spawnSync('ls', [dir], { encoding: 'utf8' })
        .stdout.split('\n')
        .find((f) => f.endsWith('.jar'))
    : undefined;
  return jar ? join(dir, jar) : undefined;
})();
const java = spawnSync('java', ['-version'], { encoding: 'utf8' });

/** WireMock's stub: the path, the three body fields present (JSONPath), a fixed SUCCESS. */
function wiremockRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-wiremock-'));
  mkdirSync(join(root, 'mappings'));
  const bodyPatterns = ['faceImage', 'userId', 'region'].map((field) => ({ matchesJsonPath: `$.${field}` }));
  const stub = { request: { method: 'POST', urlPath: enrollPath, bodyPatterns }, response: { status: 200, jsonBody: SUCCESS } };
  writeFileSync(join(root, 'mappings', 'enroll.json'), JSON.stringify(stub));
  return root;
}

const servers: Server[] = [
  {
    name: 'bare node:http (ceiling)',
    how: 'bench/bare-server.mjs: reads the body, JSON.parse, fixed answer',
    command: (port) => [process.execPath, ['bench/bare-server.mjs', String(port)]],
  },
  {
    name: 'this kit, --log-level warn',
    how: 'face-enroll-mock serve --log-level warn',
    command: (port) => [process.execPath, ['dist/bundle/cli.mjs', 'serve', '--host', HOST, '--port', String(port), '--log-level', 'warn']],
  },
  {
    name: 'this kit, default log level',
    how: 'face-enroll-mock serve (a JSON line a request, to /dev/null)',
    command: (port) => [process.execPath, ['dist/bundle/cli.mjs', 'serve', '--host', HOST, '--port', String(port)]],
  },
  {
    name: 'WireMock standalone',
    how: 'java -jar wiremock-standalone --no-request-journal, one stub matching the three fields by JSONPath',
    ...(wiremockJar && java.status === 0
      ? {}
      : { skip: wiremockJar ? 'no java on PATH (Java 11 or later)' : 'the wiremock package is not installed (npm install)' }),
    command: (port) => [
      'java',
      [
        '-jar',
        wiremockJar!,
        '--bind-address',
        HOST,
        '--port',
        String(port),
        '--root-dir',
        wiremockRoot(),
        '--no-request-journal',
        '--disable-banner',
      ],
    ],
  },
  {
    name: 'Mockoon CLI',
    how: "mockoon-cli start -d spec/openapi.yaml (the kit's spec, imported)",
    ...(existsSync('node_modules/@mockoon/cli') ? {} : { skip: 'the @mockoon/cli package is not installed (npm install)' }),
    command: (port) => [
      process.execPath,
      ['node_modules/@mockoon/cli/bin/run.js', 'start', '-d', 'spec/openapi.yaml', '-l', HOST, '-p', String(port), '-X'],
    ],
  },
  {
    name: 'Prism CLI',
    how: 'prism mock spec/openapi.yaml',
    command: (port) => [
      process.execPath,
      ['node_modules/@stoplight/prism-cli/dist/index.js', 'mock', 'spec/openapi.yaml', '-h', HOST, '-p', String(port)],
    ],
  },
  // Last: its very high rate churns the machine's memory and network most, and should not precede the others.
  {
    name: 'drain only (load generator limit)',
    how: 'bench/drain-server.mjs: reads and drops the body, fixed answer',
    command: (port) => [process.execPath, ['bench/drain-server.mjs', String(port)]],
  },
];

interface Running {
  server: Server;
  port: number;
  child: ChildProcess;
}

async function start(server: Server): Promise<Running> {
  const port = await freePort();
  const [command, args] = server.command(port);
  // Logs go to /dev/null: each server still formats and writes every line (not a terminal: the kit writes JSON),
  // and reading them does not take CPU from the load generator, which shares the machine.
  const child = spawn(command, args, { stdio: 'ignore' });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const answer = await fetch(`http://${HOST}:${port}${enrollPath}`, { method: 'POST', headers, body });
      await answer.arrayBuffer();
      if (answer.status === 200) return { server, port, child };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`${server.name}: ${command} ${args.join(' ')} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${server.name} did not answer 200 within 120 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

interface Load {
  rps: number;
  /** The server's CPU time (its process and any children, user and system) per request answered, in µs. */
  cpuUs?: number;
  /** The load generator's own CPU time per request, in µs (it shares the machine's cores). */
  loadUs: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(port: number, seconds: number, pid?: number): Promise<Load> {
  const cpuBefore = cpuTicks(pid);
  const loadBefore = process.cpuUsage();
  const result = await autocannon({
    url: `http://${HOST}:${port}${enrollPath}`,
    method: 'POST',
    headers,
    body,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
  });
  const loadUsed = process.cpuUsage(loadBefore);
  const cpuAfter = cpuTicks(pid);
  const answered = Math.max(1, result.requests.total);
  return {
    rps: Math.round(result.requests.average),
    ...(cpuBefore !== undefined && cpuAfter !== undefined
      ? { cpuUs: Math.round(((cpuAfter - cpuBefore) * 1e6) / CLOCK_TICKS / answered) }
      : {}),
    loadUs: Math.round((loadUsed.user + loadUsed.system) / answered),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Clock ticks a second, the unit of /proc's CPU times. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/**
 * CPU time (user and system, in clock ticks) of a process and its descendants, from /proc (Linux); undefined
 * elsewhere. Descendants count because a CLI may serve from a child; a JVM's threads are in its own line.
 */
function cpuTicks(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const parents = new Map<number, number>();
    const own = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // Fields after the command's closing parenthesis: state, ppid, ..., utime (12th), stime (13th).
        const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ').pop()!.split(' ');
        parents.set(Number(entry), Number(fields[1]));
        own.set(Number(entry), Number(fields[11]) + Number(fields[12]));
      } catch {
        // exited meanwhile
      }
    }
    if (!own.has(pid)) return undefined;
    let total = 0;
    const tree = new Set([pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [child, parent] of parents) if (tree.has(parent) && !tree.has(child)) (tree.add(child), (grew = true));
    }
    for (const member of tree) total += own.get(member) ?? 0;
    return total;
  } catch {
    return undefined;
  }
}

/** A process's resident set in MiB, from /proc (Linux); undefined elsewhere. */
function rssMiB(pid: number | undefined): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

/** RSS of the kit's process after 5 s of full load and at the end of `seconds` of it. */
async function memoryUnderLoad(
  kit: Running | undefined,
  seconds: number,
): Promise<{ after5s?: number; atEnd?: number; seconds: number } | undefined> {
  if (!kit || seconds <= 5) return undefined;
  let after5s: number | undefined;
  const sample = setTimeout(() => (after5s = rssMiB(kit.child.pid)), 5000);
  await load(kit.port, seconds);
  clearTimeout(sample);
  return { after5s, atEnd: rssMiB(kit.child.pid), seconds };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Fresh processes importing each list of modules, interleaved; the median wall time of each, in ms. */
function importTimes(modules: Record<string, string[]>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(modules).map((name) => [name, []]));
  for (let i = 0; i < IMPORT_RUNS; i++) {
    for (const [name, specifiers] of Object.entries(modules)) {
      const code = specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`).join(' ');
      const started = performance.now();
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', code]);
      if (run.status !== 0) throw new Error(`importing ${specifiers.join(', ')} failed: ${run.stderr}`);
      times[name]!.push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, list]) => [name, Math.round(median(list))]));
}

async function main(): Promise<void> {
  console.log(
    `bench: Save Enroll, a ${image.length}-byte JPEG as base64 (${body.length}-byte body), ${CONNECTIONS} connections, ` +
      `${ROUNDS} rounds of ${SECONDS} s per server, load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
  );
  const running: Running[] = [];
  const skipped: Array<{ name: string; why: string }> = [];
  try {
    for (const server of servers) {
      if (server.skip) {
        skipped.push({ name: server.name, why: server.skip });
        console.log(`  ${server.name}: skipped, ${server.skip}`);
        continue;
      }
      try {
        running.push(await start(server));
      } catch (error) {
        skipped.push({ name: server.name, why: (error as Error).message });
        console.log(`  ${server.name}: skipped, ${(error as Error).message}`);
      }
    }
    // One warm-up each (the JVM's JIT, V8's): not counted.
    for (const { port } of running) await load(port, Math.min(SECONDS, 5));
    const rounds = new Map<string, Load[]>(running.map(({ server }) => [server.name, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const { server, port, child } of running) {
        const result = await load(port, SECONDS, child.pid);
        rounds.get(server.name)!.push(result);
        console.log(
          `  round ${r + 1} ${server.name}: ${result.rps} req/s${result.errors || result.non2xx ? ` (${result.errors} errors, ${result.non2xx} non-2xx)` : ''}`,
        );
      }
    }
    const table = running.map(({ server }) => {
      const list = rounds.get(server.name)!;
      return {
        server: server.name,
        how: server.how,
        rps: median(list.map((l) => l.rps)),
        p50: median(list.map((l) => l.p50)),
        p99: median(list.map((l) => l.p99)),
        errors: list.reduce((sum, l) => sum + l.errors + l.non2xx, 0),
        rounds: list.map((l) => l.rps),
        ...(list.every((l) => l.cpuUs !== undefined) ? { cpuUs: median(list.map((l) => l.cpuUs!)) } : {}),
      };
    });
    const rps = (name: string) => table.find((row) => row.server === name)?.rps;
    const bare = rps('bare node:http (ceiling)');
    const warn = rps('this kit, --log-level warn');
    const info = rps('this kit, default log level');
    const wiremock = rps('WireMock standalone');
    const drain = rps('drain only (load generator limit)');
    const ratio = (a?: number, b?: number) => (a && b ? round2(a / b) : undefined);
    // What a rate costs this machine: every server and the load generator share its cores, so a server answering
    // at `rate` can spend at most (cores - the load generator's share) / rate of CPU a request.
    const loadGeneratorUs = median([...rounds.values()].flat().map((l) => l.loadUs));
    const cpuOf = (name: string) => table.find((row) => row.server === name)?.cpuUs;
    const targetRate = wiremock ? Math.round(wiremock * 1.5) : undefined;
    const cpuBudget = targetRate
      ? {
          rate: targetRate,
          budgetUs: Math.round((cpus().length * 1e6 - targetRate * loadGeneratorUs) / targetRate),
          kitUs: cpuOf('this kit, --log-level warn'),
          drainUs: cpuOf('drain only (load generator limit)'),
          wiremockUs: cpuOf('WireMock standalone'),
        }
      : undefined;

    // A test file with its own handlers imports msw (http, HttpResponse) and msw/node (setupServer); msw/node
    // alone is the stricter base, the one the target is measured against.
    const imports = importTimes({
      'msw/node alone': ['msw/node'],
      'msw and msw/node': ['msw', 'msw/node'],
      'face-enroll-mock/node': ['face-enroll-mock/node'],
    });
    const bundle = await measureBrowserBundle();
    const memory = await memoryUnderLoad(
      running.find(({ server }) => server.name === 'this kit, --log-level warn'),
      MEMORY_SECONDS,
    );
    const growth = memory?.after5s !== undefined && memory.atEnd !== undefined ? memory.atEnd - memory.after5s : undefined;

    const ratios = {
      'kit (warn) / WireMock': ratio(warn, wiremock),
      'kit (warn) / bare ceiling': ratio(warn, bare),
      'kit (warn) / drain only': ratio(warn, drain),
      'WireMock / drain only': ratio(wiremock, drain),
      'default log level cost (warn / default - 1)': warn && info ? round2(warn / info - 1) : undefined,
      'import face-enroll-mock/node / msw/node': ratio(imports['face-enroll-mock/node'], imports['msw/node alone']),
      [`kit RSS growth from 5 s to ${MEMORY_SECONDS} s of load (MiB)`]: growth,
    };
    const targets = {
      'kit >= 1.5x WireMock': (ratios['kit (warn) / WireMock'] ?? 0) >= 1.5,
      'kit >= 75% of bare': (ratios['kit (warn) / bare ceiling'] ?? 0) >= 0.75,
      'default log level costs <= 10% more': (ratios['default log level cost (warn / default - 1)'] ?? Infinity) <= 0.1,
      'import <= 1.3x msw alone': (ratios['import face-enroll-mock/node / msw/node'] ?? Infinity) <= 1.3,
      'browser entry < 300 KiB': bundle.entryBytes < 300 * 1024,
      // Left out (undefined) when BENCH_MEMORY_SECONDS=0 or /proc is missing: not measured is not a miss.
      [`kit RSS after ${MEMORY_SECONDS} s within 50 MiB of after 5 s`]: growth === undefined ? undefined : growth <= 50,
    };
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version },
      loadAverageAtEnd: loadavg().map((n) => round2(n)),
      settings: { seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS, imageBytes: image.length, bodyBytes: body.length },
      table,
      skipped,
      imports,
      browserBundle: { entryBytes: bundle.entryBytes, lazyBytes: bundle.lazyBytes },
      memory,
      loadGeneratorUs,
      cpuBudget,
      ratios,
      targets,
    };
    writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
    const md = toMarkdown(results);
    writeFileSync('bench/results.md', md);
    console.log('\n' + md);
  } finally {
    await Promise.all(running.map(({ child }) => stop(child)));
  }
}

function toMarkdown(r: {
  date: string;
  machine: object;
  loadAverageAtEnd: number[];
  settings: { seconds: number; rounds: number; connections: number; imageBytes: number; bodyBytes: number };
  table: Array<{ server: string; how: string; rps: number; p50: number; p99: number; errors: number; cpuUs?: number }>;
  skipped: Array<{ name: string; why: string }>;
  imports: Record<string, number>;
  browserBundle: { entryBytes: number; lazyBytes: number };
  memory: { after5s?: number; atEnd?: number; seconds: number } | undefined;
  loadGeneratorUs: number;
  cpuBudget: { rate: number; budgetUs: number; kitUs?: number; drainUs?: number; wiremockUs?: number } | undefined;
  ratios: Record<string, number | undefined>;
  targets: Record<string, boolean | undefined>;
}): string {
  const s = r.settings;
  const bare = r.table.find((row) => row.server.startsWith('bare'))?.rps;
  const lines = [
    `Run ${r.date} on ${JSON.stringify(r.machine)}, load average ${r.loadAverageAtEnd.join(' ')} at the end.`,
    `Save Enroll, a ${s.imageBytes}-byte JPEG as base64 (${s.bodyBytes}-byte body), autocannon ${s.connections} connections, median of ${s.rounds} interleaved rounds of ${s.seconds} s.`,
    '',
    '| server | req/s | of bare | p50 ms | p99 ms | errors | CPU µs/req | cores busy | started as |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.table.map(
      (row) =>
        `| ${row.server} | ${row.rps} | ${bare ? `${Math.round((row.rps / bare) * 100)} %` : ''} | ${row.p50} | ${row.p99} | ${row.errors} | ${row.cpuUs ?? 'n/a'} | ${row.cpuUs === undefined ? 'n/a' : ((row.cpuUs * row.rps) / 1e6).toFixed(2)} | ${row.how} |`,
    ),
    ...r.skipped.map((row) => `| ${row.name} | skipped: ${row.why} | | | | | | | |`),
    '',
    `The load generator (autocannon, in this process) used ${r.loadGeneratorUs} µs of CPU a request.` +
      (r.cpuBudget
        ? ` At 1.5x WireMock (${r.cpuBudget.rate} req/s) the machine's cores less the load generator's share leave ${r.cpuBudget.budgetUs} µs of CPU a request; ` +
          `the kit used ${r.cpuBudget.kitUs ?? 'n/a'}, WireMock ${r.cpuBudget.wiremockUs ?? 'n/a'}, and the drain-only server, which does nothing but read the body, ${r.cpuBudget.drainUs ?? 'n/a'}.`
        : ''),
    '',
    `Import, a fresh process (median of ${IMPORT_RUNS}): ${Object.entries(r.imports)
      .map(([name, ms]) => `${name} ${ms} ms`)
      .join(', ')}.`,
    `Browser entry (mocks/browser.ts, minified, msw external): ${r.browserBundle.entryBytes} bytes (${(r.browserBundle.entryBytes / 1024).toFixed(1)} KiB) at page load, ${(r.browserBundle.lazyBytes / 1024).toFixed(1)} KiB more on first use (regex engine, JWT).`,
    r.memory
      ? `The kit (warn) under full load: RSS ${r.memory.after5s ?? '?'} MiB after 5 s, ${r.memory.atEnd ?? '?'} MiB after ${r.memory.seconds} s.`
      : 'The kit under load for a minute: left out (BENCH_MEMORY_SECONDS=0).',
    '',
    '| ratio | value |',
    '|---|---|',
    ...Object.entries(r.ratios).map(([name, value]) => `| ${name} | ${value ?? 'n/a'} |`),
    '',
    '| target | met |',
    '|---|---|',
    ...Object.entries(r.targets).map(([name, met]) => `| ${name} | ${met === undefined ? 'not measured' : met ? 'yes' : 'NO'} |`),
    '',
  ];
  return lines.join('\n');
}

await main();
process.exit(0);
