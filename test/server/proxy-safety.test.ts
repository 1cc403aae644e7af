import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { createLogger } from '../../src/server/create-logger.js';
import { createProxyServer, type ProxyServer } from '../../src/contract/create-proxy-server.js';

// The proxy exposed as the mock server is: its admin API guarded alike, its bodies in flight bounded alike, and
// an upstream with credentials reached with them (sent as Basic auth) and never logged.

let upstream: Server;
let upstreamUrl: string;
const seen: IncomingHttpHeaders[] = [];
let proxy: ProxyServer | undefined;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => upstream.close(resolve)));
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** A request with any Host and headers (fetch forbids setting Host): status and body. */
function send(
  base: string,
  path: string,
  method: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  const url = new URL(base + path);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe("the proxy's admin API", () => {
  it('refuses a forged Host and a cross-site POST, and keeps the violations', async () => {
    proxy = await createProxyServer({ upstream: upstreamUrl });
    const base = await proxy.listen(0, '127.0.0.1');
    // An off-contract answer to count: the upstream's {"ok":true} is no enroll envelope.
    await fetch(base + enrollPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const rebound = await send(base, '/__admin/violations', 'DELETE', { host: 'attacker.example' });
    const crossSite = await send(base, '/__admin/violations', 'DELETE', {
      host: new URL(base).host,
      origin: 'http://evil.example',
      'content-type': 'text/plain',
    });
    expect([rebound.status, crossSite.status]).toEqual([403, 403]);
    expect(proxy.stats().violations).toBe(1);
    expect((await send(base, '/__admin/violations', 'DELETE', { host: new URL(base).host })).status).toBe(200);
    expect(proxy.stats().violations).toBe(0);
  });

  it('needs --admin-token when one is set', async () => {
    proxy = await createProxyServer({ upstream: upstreamUrl, adminToken: 'proxy-token-1' });
    const base = await proxy.listen(0, '127.0.0.1');
    expect((await fetch(base + '/__admin/violations')).status).toBe(401);
    expect((await fetch(base + '/__admin/violations', { headers: { 'x-admin-token': 'proxy-token-1' } })).status).toBe(200);
  });
});

describe('bodies through the proxy', () => {
  /** A client that sends its headers and the first bytes of a 1 MiB body, then holds. */
  async function slowClient(port: number): Promise<Socket> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST ${enrollPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024}\r\n\r\n{"a":"`,
    );
    return socket;
  }

  it('reads at most maxBodiesInFlight at once and answers SERVICE_BUSY to one more, body unread', async () => {
    proxy = await createProxyServer({ upstream: upstreamUrl, maxBodiesInFlight: 2 });
    const base = await proxy.listen(0, '127.0.0.1');
    const held = [await slowClient(Number(new URL(base).port)), await slowClient(Number(new URL(base).port))];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = seen.length;
    const busy = await fetch(base + enrollPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([busy.status, busy.headers.get('retry-after'), ((await busy.json()) as { code: string }).code]).toEqual([
      200,
      '1',
      'SERVICE_BUSY',
    ]);
    expect(seen.length).toBe(before);
    for (const socket of held) socket.destroy();
  });

  it('answers 413 past the body cap, unforwarded', async () => {
    proxy = await createProxyServer({ upstream: upstreamUrl, maxBody: 1024 });
    const base = await proxy.listen(0, '127.0.0.1');
    const before = seen.length;
    const answer = await fetch(base + enrollPath, { method: 'POST', body: 'x'.repeat(4096) });
    expect([answer.status, seen.length]).toEqual([413, before]);
  });
});

describe('an upstream URL with credentials', () => {
  it('is reached with them as Basic auth, and no log line or admin answer shows them', async () => {
    const lines: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    proxy = await createProxyServer({
      upstream: upstreamUrl.replace('http://', 'http://gate%20user:s3cr%40t@'),
      logger: createLogger('debug', 'json', out),
    });
    const base = await proxy.listen(0, '127.0.0.1');
    const answer = await fetch(base + enrollPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(200);
    expect(seen.at(-1)?.authorization).toBe(`Basic ${Buffer.from('gate user:s3cr@t').toString('base64')}`);
    const health = await (await fetch(base + '/__admin/health')).text();
    for (const text of [...lines, health]) expect(text).not.toMatch(/s3cr|gate/);
  });
});
