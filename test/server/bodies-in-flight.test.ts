import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enrollPath, tokenPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { parseServeArgs } from '../../src/cli/parse-serve-args.js';

// A cap on request bodies read at once, so that slow 8 MiB bodies cannot take the
// server's memory; past it the vendor's SERVICE_BUSY, at once.

let server: MockServer;
let url: string;
let port: number;

beforeAll(async () => {
  server = await createMockServer({ maxBodiesInFlight: 2 });
  url = await server.listen(0);
  port = Number(new URL(url).port);
});
afterAll(() => server.close());

/** A client that sends its headers and the first bytes of a 1 MiB body, then holds. */
async function slowClient(): Promise<{ socket: Socket; finish(): Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const length = 1024 * 1024;
  socket.write(
    `POST ${enrollPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Access-Token: t\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{"a":"`,
  );
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk));
  return {
    socket,
    finish: async () => {
      socket.write(`${'x'.repeat(length - 8)}"}`);
      await new Promise((resolve) => socket.once('end', resolve).once('close', resolve));
      return answer;
    },
  };
}

const enroll = () =>
  fetch(url + enrollPath, { method: 'POST', headers: { 'content-type': 'application/json', 'x-access-token': 't' }, body: '{}' });

it('answers SERVICE_BUSY with Retry-After past the cap while the slots are held, and reads bodies again when a slot frees', async () => {
  const held = [await slowClient(), await slowClient()];
  await new Promise((resolve) => setTimeout(resolve, 100));
  const busy = await enroll();
  const envelope = (await busy.json()) as { code: string; message: string; pricingStrategy: string };
  expect([busy.status, busy.headers.get('retry-after'), envelope.code, envelope.pricingStrategy]).toEqual([
    200,
    '1',
    'SERVICE_BUSY',
    'FREE',
  ]);
  // Each operation answers its own SERVICE_BUSY example: the token envelope has no pricingStrategy.
  const token = await fetch(url + tokenPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(await token.json()).toMatchObject({ code: 'SERVICE_BUSY', data: null, extra: null });
  expect(Object.keys((await (await fetch(url + tokenPath, { method: 'POST', body: '{}' })).json()) as object)).not.toContain(
    'pricingStrategy',
  );
  // The admin API has no vendor envelope: 503.
  const admin = await fetch(`${url}/__admin/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(admin.status).toBe(503);
  // A request without a body takes no slot.
  expect((await fetch(`${url}/__admin/health`)).status).toBe(200);
  for (const client of held) {
    client.socket.setEncoding('utf8');
    // The body parses (PARAMETER_ERROR envelope for the missing fields): it was read whole, not refused.
    const answer = await client.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 200[\s\S]*"code":"PARAMETER_ERROR"/);
  }
  const after = (await (await enroll()).json()) as { code: string };
  expect(after.code).not.toBe('SERVICE_BUSY');
});

it('takes --max-bodies-in-flight N', () => {
  const parsed = parseServeArgs(['--max-bodies-in-flight', '4'], {});
  expect(parsed.ok && parsed.args.options.maxBodiesInFlight).toBe(4);
  const bad = parseServeArgs(['--max-bodies-in-flight', '0'], {});
  expect(bad.ok ? '' : bad.error).toContain('--max-bodies-in-flight must be a whole number from 1');
});
