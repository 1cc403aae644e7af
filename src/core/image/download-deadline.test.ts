import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImage } from './check-image.js';
import { downloadImage } from './download-image.js';

// global.gc without --expose-gc on the worker: set the flag now and take gc from a fresh context. The bug
// this file guards against shows only after a collection (Node's fetch then loses the abort signal).
setFlagsFromString('--expose-gc');
const gc = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;

let server: Server;
let base: string;
let stalledSocket: Socket | undefined;
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    // Headers only after 20 s, as the attack run's host did; the tests are over long before.
    if (req.url === '/late-headers') return void setTimeout(() => res.writeHead(200, { 'content-type': 'image/png' }).end('x'), 20_000);
    // Headers at once, then the body stalls after its first bytes.
    if (req.url === '/stalled-body') {
      stalledSocket = req.socket;
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(Buffer.alloc(16));
      return;
    }
    res.writeHead(404).end();
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Runs `work` while collecting garbage every 25 ms; returns its result and how long it took. */
async function underGc<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const collector = setInterval(gc, 25);
  const started = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - started };
  } finally {
    clearInterval(collector);
  }
}

describe('the download deadline', () => {
  const deadline = 800;
  // The host answers after 20 s, past each test's timeout: "timed out" or "cancelled" proves the deadline (or the
  // abort) ended the download. How soon after the deadline is a figure, not a behaviour.

  it('answers CANNOT_DOWNLOAD within the deadline while the host holds its headers, garbage collection or not', async () => {
    const { result, ms } = await underGc(() => checkImage(`${base}/late-headers`, { download: { timeoutMs: deadline } }));
    expect(result).toEqual({ ok: false, outcome: 'PARAMETER_ERROR_CANNOT_DOWNLOAD', detail: 'the download timed out' });
    expect(ms).toBeGreaterThanOrEqual(deadline - 5);
  });

  it('answers within the deadline when the body stalls, and lets go of the connection', async () => {
    const { result } = await underGc(() => downloadImage(`${base}/stalled-body`, 1000, { timeoutMs: deadline }));
    expect(result).toEqual({ ok: false, reason: 'failed', detail: 'the download timed out' });
    // The body reader was cancelled, so the socket closes (keep-alive cannot reuse a half-read answer).
    await expect.poll(() => stalledSocket?.destroyed, { timeout: 1000 }).toBe(true);
  });

  it('ends at once when the signal aborts, and does not start when it already has', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { result } = await underGc(() => downloadImage(`${base}/late-headers`, 1000, { timeoutMs: 10_000, signal: controller.signal }));
    expect(result).toEqual({ ok: false, reason: 'failed', detail: 'the download was cancelled: its request has ended' });

    const before = connections;
    expect(await downloadImage(`${base}/late-headers`, 1000, { signal: AbortSignal.abort() })).toMatchObject({
      detail: 'the download was cancelled: its request has ended',
    });
    expect(connections).toBe(before);
  });
});
