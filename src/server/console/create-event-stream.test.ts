import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createJournal, type JournalEntry } from '../../state/create-journal.js';
import { createEventStream } from './create-event-stream.js';

let server: Server | undefined;
afterEach(() => new Promise((resolve) => (server ? (server.closeAllConnections(), server.close(resolve)) : resolve(undefined))));

/** 10,000 journal entries of about 2 KB each (20 MB in all), recorded a hundred at a time so the writes flush. */
async function recordMany(journal: ReturnType<typeof createJournal>): Promise<void> {
  const entry = { path: 'p'.repeat(2048) } as unknown as Omit<JournalEntry, 'id'>;
  for (let batch = 0; batch < 100; batch++) {
    for (let i = 0; i < 100; i++) journal.record(entry);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

it('drops a client that stops reading once a MiB is left unread, and keeps one that reads', async () => {
  const journal = createJournal(1000);
  const stream = createEventStream(journal);
  let peak = 0;
  server = createServer((request, response) => {
    stream.handle(request, response);
    const write = response.write.bind(response);
    response.write = ((chunk: string) => {
      const result = write(chunk);
      peak = Math.max(peak, response.writableLength);
      return result;
    }) as typeof response.write;
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // A client that sends its request and never reads a byte of the stream.
  const stalled = connect(port, '127.0.0.1');
  stalled.pause();
  stalled.write('GET /__admin/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  const reader = await fetch(`http://127.0.0.1:${port}/__admin/events`);
  let read = 0;
  const chunks = reader.body!.getReader();
  void (async () => {
    for (let next = await chunks.read(); !next.done; next = await chunks.read()) read += next.value.length;
  })().catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(stream.clients()).toBe(2);
  await recordMany(journal);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(stream.clients()).toBe(1);
  expect(peak).toBeLessThan(1024 * 1024 + 8 * 1024);
  expect(read).toBeGreaterThan(20_000_000);
  stalled.destroy();
});
