import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enrollPath, tokenPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';

// Hostile inputs through the server: each case an attack run found, as a client sends it.
// (Elsewhere: the SIGTERM grace flag in cli.test.ts, the nested token timestamp and jose in
// create-token-core.test.ts, the constant-time compare in token-signature-compare.test.ts.)

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
let server: MockServer;
let url: string;

beforeAll(async () => {
  server = await createMockServer({ rules: [{ match: { userId: { prefix: 'late-' } }, outcome: 'SUCCESS', delay: 400 }] });
  url = await server.listen(0);
});
afterAll(() => server.close());

const post = (path: string, body: string, signal?: AbortSignal) =>
  fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body,
    ...(signal ? { signal } : {}),
  });

it('does not enroll a client that left before its answer', async () => {
  const controller = new AbortController();
  const sent = post(enrollPath, JSON.stringify({ faceImage: face, userId: 'late-gone', region: 'PHL' }), controller.signal);
  await new Promise((resolve) => setTimeout(resolve, 100));
  controller.abort();
  await expect(sent).rejects.toThrow();
  await new Promise((resolve) => setTimeout(resolve, 600)); // past the rule's delay: the decision is made by now
  expect(await server.store.faces('late-gone')).toEqual([]);
  // The same request, waited for, enrolls: the rule and the store work.
  expect(
    ((await (await post(enrollPath, JSON.stringify({ faceImage: face, userId: 'late-stays', region: 'PHL' }))).json()) as { code: string })
      .code,
  ).toBe('SUCCESS');
  expect(await server.store.faces('late-stays')).toHaveLength(1);
});

it('answers a region nested 5,000 and 20,000 deep with PARAMETER_ERROR, not ERROR', async () => {
  for (const depth of [5_000, 20_000]) {
    const body = JSON.stringify({ faceImage: face, userId: 'nested-region', region: '@' }).replace(
      '"@"',
      '['.repeat(depth) + ']'.repeat(depth),
    );
    const response = await post(enrollPath, body);
    const envelope = (await response.json()) as { code: string; message: string };
    expect([depth, response.status, envelope.code]).toEqual([depth, 200, 'PARAMETER_ERROR']);
  }
});

it('answers a 30,000-deep accessKey without a 500', async () => {
  const body = JSON.stringify({ accessKey: '@', timestamp: String(Date.now()), signature: 'x' }).replace(
    '"@"',
    '['.repeat(30_000) + ']'.repeat(30_000),
  );
  const response = await post(tokenPath, body);
  expect(response.status).toBeLessThan(500);
  expect(((await response.json()) as { code: string }).code).toBe('CLIENT_ERROR');
});

it('answers 431 to headers over 16 KB', async () => {
  const socket = connect(Number(new URL(url).port), '127.0.0.1');
  let answer = '';
  socket.setEncoding('latin1').on('data', (chunk) => (answer += chunk));
  socket.write(`POST ${enrollPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20 * 1024)}\r\nContent-Length: 2\r\n\r\n{}`);
  await new Promise((resolve) => socket.once('close', resolve));
  expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
});
