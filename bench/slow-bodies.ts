/**
 * `npx tsx bench/slow-bodies.ts [--max-bodies-in-flight N] [--proxy]`: the server's (or with --proxy the validating
 * proxy's) memory under hostile bodies, on loopback only. The server runs in a child process that samples its own memory every 10 ms;
 * this process plays the clients:
 *   1. 4 clients at once, each sending a 1 MiB body in 1-byte chunks (Transfer-Encoding: chunked);
 *   2. 100 clients at once, each sending an 8 MiB enroll body slowly (128 KiB every 50 ms, about 3 s a body).
 * It prints the answers and the server's peak RSS, heap, and external + array-buffer memory over each phase,
 * above its idle figures. Figures to read (docs/reliability.md), not assertions.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { enrollPath as ENROLL } from '../src/generated/outcomes.js';

const MiB = 1024 * 1024;
const SLOW_CLIENTS = Number(process.env.SLOW_CLIENTS ?? 100);
const CHUNKED_CLIENTS = Number(process.env.CHUNKED_CLIENTS ?? 4);

interface Peaks {
  rss: number;
  heapUsed: number;
  external: number;
}

/** The server: createMockServer on loopback, its memory sampled every 10 ms. */
async function child(): Promise<void> {
  const cap = process.env.MAX_BODIES_IN_FLIGHT;
  const bound = cap ? { maxBodiesInFlight: Number(cap) } : {};
  // --proxy: the validating proxy instead, its upstream a closed loopback port (each body read, then a 502).
  const server = process.env.BENCH_PROXY
    ? await (await import('../src/contract/create-proxy-server.js')).createProxyServer({ upstream: 'http://127.0.0.1:9', ...bound })
    : await (await import('../src/server/create-mock-server.js')).createMockServer({ seed: 1, ...bound });
  const url = await server.listen(0, '127.0.0.1');
  let peaks: Peaks = { rss: 0, heapUsed: 0, external: 0 };
  let cpuAtReset = process.cpuUsage();
  const sample = () => {
    const m = process.memoryUsage();
    peaks = {
      rss: Math.max(peaks.rss, m.rss),
      heapUsed: Math.max(peaks.heapUsed, m.heapUsed),
      external: Math.max(peaks.external, m.external + m.arrayBuffers),
    };
  };
  setInterval(sample, 10);
  process.on('message', (message: string) => {
    if (message === 'reset') {
      (globalThis as { gc?: () => void }).gc?.();
      peaks = { rss: 0, heapUsed: 0, external: 0 };
      cpuAtReset = process.cpuUsage();
      sample();
      process.send!({ idle: peaks });
    } else if (message === 'report') {
      sample();
      const cpu = process.cpuUsage(cpuAtReset);
      process.send!({ peaks, cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (message === 'exit') void server.close().then(() => process.exit(0));
  });
  process.send!({ url });
}

function ask<T>(server: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => server.once('message', (answer) => resolve(answer as T)));
}

/** One raw HTTP/1.1 request: the head, then `pieces` written one after another `gapMs` apart; the answer's first line and code. */
function send(port: number, head: string, pieces: () => Iterable<Buffer>, gapMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const status = /^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 'no answer';
      const code = /"code":"([A-Z_]+)"/.exec(answer)?.[1];
      resolve(code ? `${status} ${code}` : status);
    };
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.on('connect', async () => {
      socket.write(head);
      for (const piece of pieces()) {
        if (socket.destroyed || answer) break; // answered early (busy): stop sending
        if (!socket.write(piece)) await new Promise((r) => socket.once('drain', r).once('close', r));
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
      // No end(): a half-closed socket would read as a client that left (Node's server aborts the request).
    });
  });
}

const tally = (answers: string[]) =>
  Object.entries(answers.reduce<Record<string, number>>((all, a) => ((all[a] = (all[a] ?? 0) + 1), all), {}))
    .map(([answer, n]) => `${n} x ${answer}`)
    .join(', ');
const mb = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;

async function phase(server: ChildProcess, name: string, run: () => Promise<string[]>): Promise<void> {
  server.send('reset');
  const { idle } = await ask<{ idle: Peaks }>(server, 'reset');
  const started = performance.now();
  const answers = await run();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  server.send('report');
  const { peaks, cpuMs } = await ask<{ peaks: Peaks; cpuMs: number }>(server, 'report');
  console.log(`${name}: ${tally(answers)} in ${seconds} s, server CPU ${cpuMs.toFixed(0)} ms`);
  console.log(
    `  server peak RSS ${mb(peaks.rss)} (idle ${mb(idle.rss)}, +${mb(peaks.rss - idle.rss)}), heap ${mb(peaks.heapUsed)} ` +
      `(idle ${mb(idle.heapUsed)}), external + array buffers ${mb(peaks.external)} (idle ${mb(idle.external)})`,
  );
}

async function main(): Promise<void> {
  const capArg = process.argv.indexOf('--max-bodies-in-flight');
  const cap = capArg > 0 ? process.argv[capArg + 1] : undefined;
  const server = fork(fileURLToPath(import.meta.url), ['--child'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: {
      ...process.env,
      ...(cap ? { MAX_BODIES_IN_FLIGHT: cap } : {}),
      ...(process.argv.includes('--proxy') ? { BENCH_PROXY: '1' } : {}),
    },
  });
  process.on('exit', () => server.kill());
  const { url } = await ask<{ url: string }>(server, 'ready');
  const port = Number(new URL(url).port);
  console.log(
    `${process.argv.includes('--proxy') ? 'proxy' : 'server'} ${url}, --max-bodies-in-flight ${cap ?? 'default (16)'}; Node ${process.version}`,
  );

  const chunkedSize = MiB;
  const chunkedHead = `POST ${ENROLL} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Access-Token: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
  function* oneByteChunks(): Iterable<Buffer> {
    const text = `{"userId":"bench-chunked","region":"PHL","faceImage":"${'A'.repeat(chunkedSize - 56)}"}`;
    // 1-byte chunks ("1\r\nX\r\n"), written 64 KiB of wire at a time: the server's parser sees one chunk per byte.
    const wire = Buffer.alloc(text.length * 6);
    for (let i = 0; i < text.length; i++) wire.write(`1\r\n${text[i]}\r\n`, i * 6, 'latin1');
    for (let offset = 0; offset < wire.length; offset += 64 * 1024) yield wire.subarray(offset, offset + 64 * 1024);
    yield Buffer.from('0\r\n\r\n');
  }
  await phase(server, `${CHUNKED_CLIENTS} bodies of 1 MiB in 1-byte chunks at once`, () =>
    Promise.all(Array.from({ length: CHUNKED_CLIENTS }, () => send(port, chunkedHead, oneByteChunks, 0))),
  );
  const size = 8 * MiB;
  const prefix = Buffer.from('{"userId":"bench-body","region":"PHL","faceImage":"');
  const suffix = Buffer.from('"}');
  const filler = Buffer.alloc(128 * 1024, 'A');
  const head = `POST ${ENROLL} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Access-Token: t\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`;
  function* slowBody(): Iterable<Buffer> {
    yield prefix;
    let left = size - prefix.length - suffix.length;
    while (left > 0) {
      const piece = filler.subarray(0, Math.min(left, filler.length));
      left -= piece.length;
      yield piece;
    }
    yield suffix;
  }
  await phase(server, `${SLOW_CLIENTS} slow 8 MiB bodies at once`, () =>
    Promise.all(Array.from({ length: SLOW_CLIENTS }, () => send(port, head, slowBody, 50))),
  );

  server.send('exit');
}

if (process.argv.includes('--child')) await child();
else await main();
