/**
 * `npx tsx bench/attacks.ts`: every attack case of docs/reliability.md sent to the real server as a
 * client sends it, on loopback only, with the answer and its time (median of the runs). Prints the table of
 * docs/reliability.md ("Attack cases, end to end"). Figures to read; the regression tests assert.
 * Memory under slow bodies: bench/slow-bodies.ts.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { enrollPath, tokenPath } from '../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../src/server/create-mock-server.js';
import { generatedImage } from '../test/support/generated-images.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const face = readFileSync(new URL('../fixtures/images/face.jpg', import.meta.url));
const MiB = 1024 * 1024;
const rows: string[] = [];

interface Result {
  status: number;
  text: string;
}

async function timed(runs: number, call: () => Promise<string>): Promise<{ ms: number; answer: string }> {
  const times: number[] = [];
  let answer = '';
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    answer = await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)]!, answer };
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
function row(finding: number, attack: string, answer: string, time: string): void {
  rows.push(`| ${finding} | ${attack} | ${answer} | ${time} |`);
  console.error(`${finding}. ${attack}: ${answer} (${time})`);
}

async function request(url: string, init: RequestInit = {}): Promise<Result> {
  const response = await fetch(url, init);
  return { status: response.status, text: await response.text() };
}

const enroll = (server: string, body: string, headers: Record<string, string> = { 'x-access-token': 't' }) =>
  request(server + enrollPath, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** The answer as the table shows it: the journal's outcome name (the envelope's code is shared by many). */
async function outcomeOf(mock: MockServer, result: Result): Promise<string> {
  const last = (await mock.journal.list()).requests.at(-1);
  return result.status === 200 && last ? last.outcome : `HTTP ${result.status}`;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Raw bytes on a socket (what fetch will not send): the answer's status line. */
/** The answer's status line (and its envelope's code with `withCode`: answers the server gives before the journal). */
function raw(port: number, bytes: string | Buffer, withCode = false): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const code = withCode ? /"code":"([A-Z_]+)"/.exec(answer)?.[1] : undefined;
      resolve((answer.split('\r\n')[0] || 'closed without an answer') + (code ? `, ${code}` : ''));
    });
    socket.write(bytes);
  });
}

const images = createServer((_request, response) => void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(face));
const imagePort = await listen(images);
// Sends its headers after 20 s; counts the connections still open.
let slowOpen = 0;
const slowHost = createServer((_request, response) => void setTimeout(() => response.writeHead(200).end(), 20_000).unref());
slowHost.on('connection', (socket) => {
  slowOpen++;
  socket.on('close', () => slowOpen--);
});
const slowPort = await listen(slowHost);

const mock = await createMockServer({ seed: 1 });
const url = await mock.listen(0);
const port = Number(new URL(url).port);
const refusing = await createMockServer({ seed: 1, privateUrls: 'refuse' });
const refusingUrl = await refusing.listen(0);
const issued = await createMockServer({ seed: 1, token: 'issued' });
const issuedUrl = await issued.listen(0);
console.error(`Node ${process.version}, ${new Date().toISOString()}`);

// 1. The private-URL guard (--private-urls refuse): loopback behind IPv4-mapped IPv6 and behind a name.
for (const host of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', 'localhost']) {
  const body = JSON.stringify({ faceImage: `http://${host}:${imagePort}/face.jpg`, userId: 'guard', region: 'PHL' });
  const got = await timed(9, async () => outcomeOf(refusing, await enroll(refusingUrl, body)));
  row(1, `imageUrl \`http://${host}:PORT/face.jpg\`, \`--private-urls refuse\``, got.answer, ms(got.ms));
}

// 2. The download deadline: a host that sends its headers after 20 s; 50 clients that leave mid-download.
{
  gc();
  const body = JSON.stringify({ faceImage: `http://127.0.0.1:${slowPort}/face.jpg`, userId: 'deadline', region: 'PHL' });
  const collector = setInterval(gc, 25);
  const got = await timed(1, async () => outcomeOf(mock, await enroll(url, body)));
  clearInterval(collector);
  row(2, 'image host sends its headers after 20 s (default 5 s deadline, a GC every 25 ms)', got.answer, ms(got.ms));
  const controllers = Array.from({ length: 50 }, () => new AbortController());
  const sent = controllers.map((controller) =>
    fetch(url + enrollPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': 't' },
      body,
      signal: controller.signal,
    }).catch(() => undefined),
  );
  while (slowOpen < 50) await new Promise((resolve) => setTimeout(resolve, 10));
  const abortedAt = performance.now();
  for (const controller of controllers) controller.abort();
  await Promise.all(sent);
  while (slowOpen > 0 && performance.now() - abortedAt < 30_000) await new Promise((resolve) => setTimeout(resolve, 5));
  row(
    2,
    '50 slow downloads whose clients leave',
    `all 50 downloads closed (${slowOpen} left open)`,
    `${ms(performance.now() - abortedAt)} after the aborts`,
  );
}

// 3. Request texts in the journal: 8 MB regions and 8 MB image URLs.
{
  const region = JSON.stringify({ faceImage: face.toString('base64'), userId: 'big-region', region: 'R'.repeat(8_000_000) });
  const imageUrl = JSON.stringify({ faceImage: `http://user:pw@127.0.0.1:9/${'u'.repeat(8_000_000)}`, userId: 'big-url', region: 'PHL' });
  mock.journal.clear();
  gc();
  const before = process.memoryUsage().heapUsed;
  const got = await timed(50, async () => outcomeOf(mock, await enroll(url, region)));
  const gotUrl = await timed(50, async () => outcomeOf(mock, await enroll(url, imageUrl)));
  gc();
  const grown = (process.memoryUsage().heapUsed - before) / MiB;
  const list = await timed(5, async () => (await request(`${url}/__admin/requests`)).text);
  row(3, '50 enrolls with an 8 MB `region`', got.answer, ms(got.ms));
  row(3, '50 enrolls with an 8 MB `imageUrl` with `user:pw@`', gotUrl.answer, ms(gotUrl.ms));
  row(
    3,
    '`GET /__admin/requests` after those 100',
    `${list.answer.length.toLocaleString('en')} characters, no userinfo: ${!list.answer.includes('user:pw')}; heap ${grown >= 0 ? '+' : ''}${grown.toFixed(1)} MB over the 100`,
    ms(list.ms),
  );
}

// 4. The admin API from another origin, and DNS rebinding.
{
  const reset = await timed(9, async () => {
    const answer = await request(`${url}/__admin/reset`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
      body: 'x',
    });
    return `HTTP ${answer.status}`;
  });
  row(4, 'text/plain `POST /__admin/reset` from another origin', reset.answer, ms(reset.ms));
  const cors = await fetch(`${url}/__admin/requests`, { headers: { origin: 'http://evil.example' } });
  await cors.text();
  row(
    4,
    '`GET /__admin/requests` with `Origin: http://evil.example`',
    `access-control-allow-origin: ${cors.headers.get('access-control-allow-origin') ?? 'none'}`,
    '-',
  );
  const host = await timed(9, () => raw(port, 'GET /__admin/requests HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n'));
  row(4, '`Host: attacker.example` (DNS rebinding)', host.answer, ms(host.ms));
}

// 5. --token issued: Prefer and rules come after the token.
{
  const body = (userId: string) => JSON.stringify({ faceImage: face.toString('base64'), userId, region: 'PHL' });
  const prefer = await timed(9, async () => outcomeOf(issued, await enroll(issuedUrl, body('no-token'), { prefer: 'example=SUCCESS' })));
  row(5, 'no token, `Prefer: example=SUCCESS`, `--token issued`', prefer.answer, ms(prefer.ms));
  const rule = await timed(9, async () => outcomeOf(issued, await enroll(issuedUrl, body('slow-no-token'), {})));
  row(5, 'no token, a `slow-` user (a default rule), `--token issued`', rule.answer, ms(rule.ms));
}

// 6. Forced SUCCESS with an 8 MB userId.
{
  const body = JSON.stringify({ faceImage: 'x', userId: 'U'.repeat(8_000_000), region: 'PHL' });
  const before = JSON.parse((await request(`${url}/__admin/enrollments`)).text).enrollments.length as number;
  const got = await timed(20, async () => outcomeOf(mock, await enroll(url, body, { 'x-access-token': 't', prefer: 'example=SUCCESS' })));
  const after = JSON.parse((await request(`${url}/__admin/enrollments`)).text).enrollments.length as number;
  row(6, '20 x `Prefer: example=SUCCESS` with an 8 MB userId', `${got.answer}, users stored: ${after - before}`, ms(got.ms));
}

// 7. A catastrophic regex in a rule.
{
  const added = await request(`${url}/__admin/rules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'redos', match: { faceImage: { regex: '^(a+)+$' } }, outcome: 'ERROR' }),
  });
  const id = (JSON.parse(added.text) as { id: string }).id;
  const got = await timed(9, async () =>
    outcomeOf(mock, await enroll(url, JSON.stringify({ faceImage: `${'a'.repeat(30)}!`, userId: 'redos', region: 'PHL' }))),
  );
  row(7, 'rule `^(a+)+$` against a 31-character faceImage', got.answer, ms(got.ms));
  await request(`${url}/__admin/rules/${id}`, { method: 'DELETE' });
}

// 8. Expensive small bodies.
{
  const deep = '['.repeat(8 * MiB - 1);
  const got = await timed(5, async () => outcomeOf(mock, await enroll(url, deep)));
  row(8, '8 MiB body of `[`', got.answer, ms(got.ms));
  const keys = `{${Array.from({ length: 699_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
  const gotKeys = await timed(5, async () => outcomeOf(mock, await enroll(url, keys)));
  row(8, `${(keys.length / MiB).toFixed(1)} MiB body of 699,000 keys`, gotKeys.answer, ms(gotKeys.ms));
  const zeros = JSON.stringify({ faceImage: generatedImage('jpeg-2mb-zeros.jpg').toString('base64'), userId: 'zeros', region: 'PHL' });
  const gotZeros = await timed(5, async () => outcomeOf(mock, await enroll(url, zeros)));
  row(8, 'JPEG signature then 2 MB of zeros', gotZeros.answer, ms(gotZeros.ms));
  const text = `{"userId":"chunked","region":"PHL","faceImage":"${'A'.repeat(256 * 1024)}"}`;
  const wire = Buffer.alloc(text.length * 6);
  for (let i = 0; i < text.length; i++) wire.write(`1\r\n${text[i]}\r\n`, i * 6, 'latin1');
  const head = `POST ${enrollPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Access-Token: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
  const chunked = await timed(3, () => raw(port, Buffer.concat([Buffer.from(head), wire, Buffer.from('0\r\n\r\n')]), true));
  row(8, '256 KiB body in 1-byte chunks', chunked.answer, ms(chunked.ms));
}

// 9. Broken images.
for (const name of ['png-without-idat.png', 'png-idat-zeros.png', 'jpeg-without-sos.jpg', 'jpeg-sos-without-data.jpg']) {
  const body = JSON.stringify({ faceImage: generatedImage(name).toString('base64'), userId: 'broken', region: 'PHL' });
  const got = await timed(9, async () => outcomeOf(mock, await enroll(url, body)));
  row(9, name, got.answer, ms(got.ms));
}

// 10. The smaller ones.
{
  await request(`${url}/__admin/rules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ match: { userId: 'gone-user' }, outcome: 'SUCCESS', delay: 300 }),
  });
  const controller = new AbortController();
  const sent = fetch(url + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body: JSON.stringify({ faceImage: face.toString('base64'), userId: 'gone-user', region: 'PHL' }),
    signal: controller.signal,
  }).catch(() => undefined);
  setTimeout(() => controller.abort(), 100);
  await sent;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const stored = JSON.parse((await request(`${url}/__admin/enrollments/gone-user`)).text).enrollments.length as number;
  row(10, 'client leaves 100 ms into a 300 ms SUCCESS', `enrolled: ${stored > 0}`, '-');
  for (const depth of [5_000, 20_000]) {
    const body = JSON.stringify({ faceImage: face.toString('base64'), userId: 'nest', region: '@' }).replace(
      '"@"',
      '['.repeat(depth) + ']'.repeat(depth),
    );
    const got = await timed(9, async () => outcomeOf(mock, await enroll(url, body)));
    row(10, `region nested ${depth.toLocaleString('en')} deep`, got.answer, ms(got.ms));
  }
  const token = (body: string) => request(url + tokenPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const stamp = String(Date.now());
  const { createHash } = await import('node:crypto');
  const signature = createHash('sha256').update(`test-access-key${'test-secret-key'}${stamp}`).digest('hex');
  const nested = await timed(9, async () => {
    const answer = await token(JSON.stringify({ accessKey: 'test-access-key', timestamp: [[[stamp]]], signature }));
    return `HTTP ${answer.status} ${(JSON.parse(answer.text) as { message: string }).message}`;
  });
  row(10, 'token `timestamp` `[[["<13 digits>"]]]`, valid signature', nested.answer, ms(nested.ms));
  const deep = JSON.stringify({ accessKey: '@', timestamp: stamp, signature }).replace('"@"', '['.repeat(30_000) + ']'.repeat(30_000));
  const deepGot = await timed(9, async () => {
    const answer = await token(deep);
    return `HTTP ${answer.status} ${(JSON.parse(answer.text) as { code: string }).code}`;
  });
  row(10, 'token `accessKey` nested 30,000 deep', deepGot.answer, ms(deepGot.ms));
  const header = await timed(9, () => raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20 * 1024)}\r\n\r\n`));
  row(10, 'a 20 KB header', header.answer, ms(header.ms));
  row(10, 'SIGTERM with a request running', '`--shutdown-grace MS` (default 5000): answered, then exit 0 (test/server/cli.test.ts)', '-');
  row(10, 'token signature compare; JWT', '`constantTimeEqual`; jose HS512 (src/core/token/create-token-core.ts)', '-');
}

await Promise.all([mock.close(), refusing.close(), issued.close()]);
images.close();
slowHost.closeAllConnections();
slowHost.close();
console.log('| Finding | Attack | Answer now | Time now |\n| --- | --- | --- | --- |');
console.log(rows.join('\n'));
