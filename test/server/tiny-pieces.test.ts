import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enrollPath, tokenPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';

// A body in 1-byte chunks costs about 3 s of CPU per MiB (Node's per-chunk events) if read whole, so it is refused with the operation's CLIENT_ERROR (HTTP 400) once 4,096 pieces average under
// 256 bytes (src/server/read-body.ts, docs/reliability.md "Bodies in tiny pieces").

let server: MockServer;
let port: number;
beforeAll(async () => {
  server = await createMockServer({ seed: 1 });
  port = Number(new URL(await server.listen(0, '127.0.0.1')).port);
});
afterAll(() => server.close());

/** POSTs a 1 MiB JSON body in 1-byte chunks; the raw answer once the server closes. */
function oneByteChunks(path: string): Promise<{ answer: string }> {
  const text = `{"userId":"tiny","region":"PHL","faceImage":"${'A'.repeat(1024 * 1024)}"}`;
  const wire = Buffer.alloc(text.length * 6);
  for (let i = 0; i < text.length; i++) wire.write(`1\r\n${text[i]}\r\n`, i * 6, 'latin1');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer }));
    socket.on('connect', async () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Access-Token: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      for (let offset = 0; offset < wire.length && !answer && !socket.destroyed; offset += 64 * 1024) {
        if (!socket.write(wire.subarray(offset, offset + 64 * 1024))) await new Promise((r) => socket.once('drain', r).once('close', r));
      }
      if (!socket.destroyed) socket.write('0\r\n\r\n');
    });
  });
}

it("refuses a 1 MiB body in 1-byte chunks with the operation's own CLIENT_ERROR", async () => {
  const enroll = await oneByteChunks(enrollPath);
  expect(enroll.answer).toMatch(/^HTTP\/1\.1 400 /);
  const envelope = JSON.parse(enroll.answer.slice(enroll.answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
  expect(envelope).toMatchObject({ code: 'CLIENT_ERROR', message: 'HTTP 400 - Bad Request', pricingStrategy: 'FREE' });
  expect(envelope['extra']).toContain('pieces');

  const token = await oneByteChunks(tokenPath);
  const tokenEnvelope = JSON.parse(token.answer.slice(token.answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
  expect(tokenEnvelope['code']).toBe('CLIENT_ERROR');
  expect(Object.keys(tokenEnvelope)).not.toContain('pricingStrategy');
});
