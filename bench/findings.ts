/**
 * `npx tsx bench/findings.ts`: times the answers to the attack run's findings (docs/reliability.md, "Findings
 * of the attack run"), on loopback only. Figures to read, not assertions: the tests next to each fix assert.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkImage } from '../src/core/image/check-image.js';
import { createTokenCore } from '../src/core/token/create-token-core.js';
import { downloadImage } from '../src/core/image/download-image.js';
import { inspectImage } from '../src/core/image/inspect-image.js';
import { matchString } from '../src/core/rules/match-rules.js';
import { createGuardedFetch } from '../src/node/create-guarded-fetch.js';
import { generatedImage } from '../test/support/generated-images.js';

const face = readFileSync(new URL('../fixtures/images/face.jpg', import.meta.url));

/** Median and max of `runs` timed calls, in ms, with the last result. */
async function time<T>(runs: number, call: () => Promise<T> | T): Promise<{ median: number; max: number; last: T }> {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)]!, max: times[runs - 1]!, last };
}

const print = (finding: string, figures: { median: number; max: number }, answer: string) =>
  console.log(`${finding}: median ${figures.median.toFixed(2)} ms, max ${figures.max.toFixed(2)} ms -> ${answer}`);

async function privateUrls(): Promise<void> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(face));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const fetch = createGuardedFetch({ refusePrivate: true });
  for (const url of [`http://[::ffff:127.0.0.1]:${port}/face.jpg`, `http://localhost:${port}/face.jpg`]) {
    const got = await time(50, () => downloadImage(url, 2 * 1024 * 1024, { fetch }));
    print(`1. ${url.replace(String(port), 'PORT')}`, got, got.last.ok ? 'downloaded' : got.last.detail);
  }
  await fetch.close();
  server.closeAllConnections();
  server.close();
}

async function downloadDeadline(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const server = createServer(
    (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'image/png' }).end('x'), 20_000).unref(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/face.png`;
  const collector = setInterval(gc, 25);
  const late = await time(3, () => checkImage(url));
  print('2. headers after 20 s, default 5 s deadline, gc every 25 ms', late, late.last.ok ? 'SUCCESS' : late.last.outcome);
  clearInterval(collector);
  // From the abort to the answer: the client leaves 50 ms into a download whose host holds its headers.
  const afterAbort: number[] = [];
  let last: Awaited<ReturnType<typeof downloadImage>> | undefined;
  for (let i = 0; i < 10; i++) {
    const controller = new AbortController();
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, 50);
    last = await downloadImage(url, 2 * 1024 * 1024, { signal: controller.signal });
    afterAbort.push(performance.now() - abortedAt);
  }
  afterAbort.sort((a, b) => a - b);
  print(
    '2. client gone 50 ms into the download, abort to answer',
    { median: afterAbort[5]!, max: afterAbort[9]! },
    last!.ok ? 'downloaded' : last!.detail,
  );
  server.closeAllConnections();
  server.close();
}

async function ruleRegex(): Promise<void> {
  const short = await time(20, () => matchString({ regex: '^(a+)+$' }, 'a'.repeat(30) + '!'));
  print('3. ^(a+)+$ on 31 characters', short, short.last ? 'matched' : 'no match');
  const huge = 'a'.repeat(2_800_000) + '!';
  const long = await time(5, () => matchString({ regex: '^(a+)+$' }, huge));
  print('3. ^(a+)+$ on a 2.8 MB faceImage', long, long.last ? 'matched' : 'no match');
}

async function brokenImages(): Promise<void> {
  for (const name of [
    'png-without-idat.png',
    'png-idat-zeros.png',
    'jpeg-without-sos.jpg',
    'jpeg-sos-without-data.jpg',
    'jpeg-2mb-zeros.jpg',
  ]) {
    const bytes = new Uint8Array(generatedImage(name));
    const got = await time(50, () => inspectImage(bytes));
    print(`4. ${name} (${bytes.length} bytes)`, got, got.last.ok ? 'accepted' : got.last.detail);
  }
  for (const [name, bytes] of [
    ['fixtures/images/face.png', readFileSync(new URL('../fixtures/images/face.png', import.meta.url))],
    ['large.png', generatedImage('large.png')],
  ] as const) {
    const got = await time(50, () => inspectImage(new Uint8Array(bytes)));
    print(`4. ${name} (${bytes.length} bytes, every CRC checked)`, got, got.last.ok ? 'accepted' : got.last.detail);
  }
}

async function tokenCore(): Promise<void> {
  const stamp = '1665993522952';
  const core = createTokenCore({
    keys: [{ accessKey: 'sampleaccesskey', secretKey: 'samplesecretkey' }],
    now: () => new Date(Number(stamp)),
  });
  const signature = '02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5';
  const nested = JSON.stringify({ accessKey: 'sampleaccesskey', timestamp: [[[stamp]]], signature });
  const got = await time(50, () => core.decide(nested));
  print('5. timestamp [[["<13 digits>"]]] with a valid signature', got, got.last.outcome);
  const deep = `{"accessKey":${'['.repeat(30_000)}${']'.repeat(30_000)},"timestamp":"${stamp}","signature":"${signature}"}`;
  const deepGot = await time(20, () => core.decide(deep));
  print('5. accessKey nested 30,000 deep', deepGot, `HTTP ${deepGot.last.status} ${deepGot.last.outcome}`);
  const valid = JSON.stringify({ accessKey: 'sampleaccesskey', timestamp: stamp, signature });
  const issued = await time(200, () => core.decide(valid));
  print('5. a valid request (jose signs the HS512 JWT)', issued, issued.last.outcome);
  const token = (issued.last.envelope.data as { token: string }).token;
  const verified = await time(200, () => core.verify(token));
  print('5. verify (jose)', verified, String(verified.last));
}

await privateUrls();
await downloadDeadline();
await ruleRegex();
await brokenImages();
await tokenCore();
