import { connect, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomes } from '../../src/core/envelope/outcome-catalog.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const documented = new Set(Object.values(outcomes).map((o) => `${o.code} ${o.message}`));
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
let server: MockServer;
let url: string;
let port: number;

beforeAll(async () => {
  server = await createMockServer({
    seed: 1,
    headersTimeout: 1000,
    requestTimeout: 1500,
    rules: [{ match: { userId: 'slow' }, outcome: 'SUCCESS', delay: 300 }],
  });
  url = await server.listen(0);
  port = Number(new URL(url).port);
});
afterAll(() => server.close());

const enroll = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  fetch(url + enrollPath, { method: 'POST', headers: { 'content-type': 'application/json', 'x-access-token': 't', ...headers }, body });
const good = (userId: string) => JSON.stringify({ faceImage: face, userId, region: 'PHL' });

function rawSocket(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}
const closed = (socket: Socket) =>
  new Promise<string>((resolve) => {
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('close', () => resolve(data));
  });

describe('the server under arbitrary bodies', () => {
  it('answers every body with a documented envelope and keeps state only for SUCCESS', async () => {
    const before = await server.store.count();
    let successes = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((b) => new Uint8Array(b)),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (body) => {
          const response = await enroll(body);
          const json = await response.json();
          expect(documented.has(`${json.code} ${json.message}`)).toBe(true);
          if (json.code === 'SUCCESS') successes++;
        },
      ),
      { numRuns: RUNS },
    );
    expect((await server.store.count()) - before).toBe(successes);
    expect((await (await enroll(good('after-fuzz'))).json()).code).toBe('SUCCESS');
  });
});

describe('the server under slow and broken clients', () => {
  it('drops a client that sends its headers byte by byte, and keeps answering others', async () => {
    const socket = await rawSocket();
    const done = closed(socket);
    const request = `POST ${enrollPath} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`;
    let i = 0;
    const timer = setInterval(() => !socket.destroyed && socket.write(request[i++ % request.length]!), 100);
    expect((await (await enroll(good('meanwhile-1'))).json()).code).toBe('SUCCESS');
    // The client never finishes its headers: only the server's headers timeout ends it (else the test's own timeout fails it).
    const answer = await done;
    clearInterval(timer);
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('drops a client that stops half-way through its body, storing nothing for it', async () => {
    const before = await server.store.count();
    const socket = await rawSocket();
    const done = closed(socket);
    const body = good('half-way');
    socket.write(
      `POST ${enrollPath} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Access-Token: t\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 1000)}`,
    );
    expect((await (await enroll(good('meanwhile-2'))).json()).code).toBe('SUCCESS');
    await done;
    expect(await server.store.faces('half-way')).toEqual([]);
    expect((await server.store.count()) - before).toBe(1);
  });

  it('survives a client that disconnects before the answer, and answers the next one', async () => {
    const socket = await rawSocket();
    const body = good('slow');
    socket.write(
      `POST ${enrollPath} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Access-Token: t\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 400));
    expect((await (await enroll(good('next'))).json()).code).toBe('SUCCESS');
  });

  it('answers a malformed request line with 400 and keeps serving', async () => {
    const socket = await rawSocket();
    const done = closed(socket);
    socket.write('THIS IS NOT HTTP\r\n\r\n');
    expect(await done).toMatch(/^HTTP\/1\.1 400/);
    expect((await (await enroll(good('after-garbage'))).json()).code).toBe('SUCCESS');
  });
});
