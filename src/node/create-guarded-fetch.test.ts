import type { LookupAddress, lookup as dnsLookup } from 'node:dns';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadImage } from '../core/image/download-image.js';
import { createGuardedFetch, type GuardedFetch } from './create-guarded-fetch.js';

// Loopback only: the image server listens on 127.0.0.1, and every URL below names it one way or another.
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url));
let server: Server;
let port: number;
let connections = 0;
const fetches: GuardedFetch[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/late-headers') return void setTimeout(() => res.writeHead(200).end(), 20_000);
    if (req.url === '/hop') return void res.writeHead(302, { location: `http://second.test:${port}/face.jpg` }).end();
    res.writeHead(200, { 'content-type': 'image/jpeg' }).end(face);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await Promise.all(fetches.map((f) => f.close()));
  server.closeAllConnections();
  server.close();
});

const guarded = (options: Parameters<typeof createGuardedFetch>[0]) => {
  const created = createGuardedFetch(options);
  fetches.push(created);
  return created;
};

/** Answers every name with 127.0.0.1, as a rebinding DNS server would once the check is passed; records the names asked. */
const toLoopback = (asked: string[]) =>
  ((hostname: string, _options: unknown, callback: (error: Error | null, addresses: LookupAddress[]) => void) => {
    asked.push(hostname);
    callback(null, [{ address: '127.0.0.1', family: 4 }]);
  }) as unknown as typeof dnsLookup;

describe('createGuardedFetch', () => {
  const urls = () => [
    `http://[::ffff:127.0.0.1]:${port}/face.jpg`,
    `http://localhost:${port}/face.jpg`,
    `http://127.0.0.1:${port}/face.jpg`,
  ];

  it('refuses a loopback image server reached by IPv4-mapped literal, by name and by address, before connecting', async () => {
    const fetch = guarded({ refusePrivate: true });
    const before = connections;
    for (const url of urls()) {
      const got = await downloadImage(url, 2 * 1024 * 1024, { fetch });
      expect(got).toMatchObject({
        ok: false,
        reason: 'failed',
        detail: expect.stringContaining('is a private or loopback address (loopback)'),
      });
    }
    expect(connections - before).toBe(0);
  });

  it('downloads from the same server when private addresses are allowed', async () => {
    const fetch = guarded({ refusePrivate: false });
    for (const url of urls()) {
      const got = await downloadImage(url, 2 * 1024 * 1024, { fetch });
      expect(got.ok && Buffer.from(got.bytes).equals(face)).toBe(true);
    }
  });

  it('checks the very answer it connects to: a name is resolved once, at connect time', async () => {
    const asked: string[] = [];
    const refusing = guarded({ refusePrivate: true, lookup: toLoopback(asked) });
    const before = connections;
    expect(await downloadImage(`http://images.test:${port}/face.jpg`, 2 * 1024 * 1024, { fetch: refusing })).toMatchObject({
      ok: false,
      detail: expect.stringContaining('images.test (127.0.0.1) is a private or loopback address'),
    });
    expect(asked).toEqual(['images.test']);
    expect(connections - before).toBe(0);
  });

  it('resolves every redirect hop through the same guarded lookup', async () => {
    const asked: string[] = [];
    const fetch = guarded({ refusePrivate: false, lookup: toLoopback(asked) });
    expect(await downloadImage(`http://first.test:${port}/hop`, 2 * 1024 * 1024, { fetch })).toMatchObject({ ok: true });
    expect(asked).toEqual(['first.test', 'second.test']);
  });

  it('forwards no header of its own choosing and no credentials', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const probe = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(face);
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    try {
      const fetch = guarded({ refusePrivate: false });
      const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/face.jpg`;
      await (await fetch(new Request(url, { headers: { cookie: 'a=b', authorization: 'Bearer x' } }))).arrayBuffer();
      expect(seen[0]).not.toHaveProperty('cookie');
      expect(seen[0]).not.toHaveProperty('authorization');
    } finally {
      probe.closeAllConnections();
      probe.close();
    }
  });

  it('closes a host that holds its headers at its own deadline, with no abort signal at all', async () => {
    const fetch = guarded({ refusePrivate: false, timeoutMs: 500 });
    const started = performance.now();
    let socketClosed = false;
    server.once('request', (req) => req.socket.once('close', () => (socketClosed = true)));
    await expect(fetch(new Request(`http://127.0.0.1:${port}/late-headers`))).rejects.toMatchObject({
      cause: { code: 'UND_ERR_HEADERS_TIMEOUT' },
    });
    // A headers timeout (not the host's answer, 20 s later) proves the deadline ended it; a wait for the host would
    // outlast this test's timeout. It came no earlier than the deadline.
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
    await expect.poll(() => socketClosed, { timeout: 1000 }).toBe(true);
  });
});
