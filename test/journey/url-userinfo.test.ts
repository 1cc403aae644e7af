import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createResponder, type Responder } from '../../src/responder/create-responder.js';
import { generateUrlPath, getResultPath } from '../../src/generated/outcomes.js';

// The userinfo of a Generate URL's URLs is never shown. callbackUrl keeps its credentials
// only to send them to the receiver (HTTP Basic); every answer, the journal and the console show none.

const SECRET = 'S3cr%40t-pw';
let receiver: Server;
let port: number;
const received: IncomingHttpHeaders[] = [];
let responder: Responder;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    received.push(request.headers);
    request.resume().on('end', () => response.writeHead(request.headers.authorization ? 200 : 401).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  responder = createResponder({ seed: 3, callback: { retries: 0, timeoutMs: 2000 } });
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const respond = async (method: string, path: string, body?: unknown) => {
  const { answer } = await responder.respond({
    method,
    path,
    headers: { 'x-access-token': 't', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { bodyText: JSON.stringify(body) }),
    origin: 'http://127.0.0.1:4010',
  });
  if (answer.kind !== 'http') throw new Error(answer.kind);
  return answer.body as string;
};

it('shows no user:pass@ of returnUrl, failReturnUrl or callbackUrl, and sends the callback its credentials as Basic', async () => {
  const generated = JSON.parse(
    await respond('POST', generateUrlPath, {
      returnUrl: 'https://joe:r3turn-pw@app.example/ok',
      failReturnUrl: 'myapp://joe:fa1l-pw@host/fail',
      callbackUrl: `http://hook:${SECRET}@127.0.0.1:${port}/cb`,
      userId: 'userinfo-user',
      region: 'PHL',
    }),
  ) as { data: { signatureId: string } };
  const id = generated.data.signatureId;
  const completed = await responder.complete(id, { result: 'FAIL' });
  if (!completed.ok) throw new Error(completed.error);
  const attempts = await completed.delivery;

  // The receiver got the callback, authenticated: the credentials were kept for it (and only for it).
  expect(attempts.map((attempt) => attempt.status)).toEqual([200]);
  expect(Buffer.from(received[0]!.authorization!.replace(/^Basic /, ''), 'base64').toString()).toBe('hook:S3cr@t-pw');
  expect(completed.redirectUrl).toBe('myapp://host/fail');

  const shown = {
    list: await respond('GET', '/__admin/authentications'),
    one: await respond('GET', `/__admin/authentications/${id}`),
    result: await respond('POST', getResultPath, { signatureId: id }),
    journal: await respond('GET', '/__admin/requests'),
  };
  for (const [where, text] of Object.entries(shown)) {
    for (const secret of ['r3turn-pw', 'fa1l-pw', 'S3cr', 'hook:', 'joe:'])
      expect(text.includes(secret), `${where} shows ${secret}`).toBe(false);
  }
  const one = JSON.parse(shown.one) as { callbackUrl: string; returnUrl: string; inputParameters: Record<string, string> };
  expect([one.callbackUrl, one.returnUrl, one.inputParameters['callbackUrl']]).toEqual([
    `http://127.0.0.1:${port}/cb`,
    'https://app.example/ok',
    `http://127.0.0.1:${port}/cb`,
  ]);
});
