import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { bodyText, readBody } from './read-body.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const request = (headers: Record<string, string>) =>
  Object.assign(new PassThrough(), { headers }) as unknown as PassThrough & IncomingMessage;
const retained = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

// 1-byte chunked bodies must not inflate memory (a Buffer object kept per byte would cost 280 MB per MB-scale
// request). The reader copies each chunk into one buffer and keeps nothing else of it.
it('keeps no per-chunk memory while a body arrives in 1-byte chunks', async () => {
  const size = 300_000;
  const body = request({ 'transfer-encoding': 'chunked' });
  // The piece bound off (null): this test is about the memory each chunk costs, not how many may come.
  const read = readBody(body, 8 * 1024 * 1024, null);
  const before = retained();
  for (let i = 0; i < size; i++) body.write(Buffer.from([0x41]));
  await new Promise((resolve) => setImmediate(resolve));
  // Every chunk delivered, the body not ended: what the reader holds now is what it holds for this body.
  const held = retained() - before;
  body.end();
  const result = await read;
  expect(result.ok && bodyText(result.bytes)).toBe('A'.repeat(size));
  console.log(`read-body: ${size} 1-byte chunks held ${(held / 1024 / 1024).toFixed(1)} MiB before the end`);
  // The body's own buffer is under 1 MiB (doubling from 16 KB); a list of 300,000 chunks would hold tens of MiB.
  expect(held).toBeLessThan(4 * 1024 * 1024);
});

it('stops at the cap in chunks, and refuses a declared length over it unread', async () => {
  const chunked = request({ 'transfer-encoding': 'chunked' });
  const read = readBody(chunked, 1000);
  for (let i = 0; i < 20; i++) chunked.write(Buffer.alloc(100, 0x41));
  expect(await read).toEqual({ ok: false, reason: 'too-large' });
  expect(await readBody(request({ 'content-length': '1001' }), 1000)).toEqual({ ok: false, reason: 'too-large' });
});

// Bodies in tiny pieces: 1-byte chunks cost about 3 s of CPU per MiB in Node's per-chunk events; the reader refuses a
// body still averaging under 256 bytes a piece after 4,096 pieces, and reads one in ordinary chunks whole.
it('refuses a body in tiny pieces once 4,096 have come, and reads small but real chunks whole', async () => {
  const tiny = request({ 'transfer-encoding': 'chunked' });
  const refused = readBody(tiny, 8 * 1024 * 1024);
  let written = 0;
  const settled = { done: false };
  void refused.then(() => (settled.done = true));
  for (; written < 20_000 && !settled.done; written++) {
    tiny.write(Buffer.from([0x41]));
    if (written % 512 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  expect(await refused).toEqual({ ok: false, reason: 'fragmented' });
  // Refused at the 4,096th piece (the loop wrote at most one batch of 512 past it before seeing the refusal).
  expect(written).toBeLessThan(4096 + 513);

  const fine = request({ 'transfer-encoding': 'chunked' });
  const read = readBody(fine, 8 * 1024 * 1024);
  for (let i = 0; i < 10_000; i++) fine.write(Buffer.alloc(300, 0x42));
  fine.end();
  const done = await read;
  expect(done.ok && bodyText(done.bytes)).toBe('B'.repeat(3_000_000));
});
