import { afterEach, expect, it } from 'vitest';
import { generateUrlPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

it("answers a failure inside the mock with the operation's own ERROR envelope as a 500, and keeps serving", async () => {
  mock = await createMockServer({ rules: false });
  const url = await mock.listen(0, '127.0.0.1');
  const respond = mock.responder.respond;
  // A bug the responder does not answer for (not a shared store's failure) reaches the server's last resort.
  mock.responder.respond = async () => {
    throw new Error('a bug');
  };
  const failed = await fetch(`${url}${generateUrlPath}`, { method: 'POST', body: '{}' });
  expect(failed.status).toBe(500);
  const body = await failed.json();
  // Generate URL's envelope has no pricingStrategy; the message is the spec's, the id a fresh one.
  expect(body).toEqual({
    code: 'ERROR',
    message: 'Server error',
    data: null,
    extra: 'internal mock error, see the server log',
    transactionId: expect.stringMatching(/^(?!0{16})[0-9a-f]{16}$/),
  });
  mock.responder.respond = respond;
  const after = await fetch(`${url}${generateUrlPath}`, { method: 'POST', body: '{}', headers: { 'x-access-token': 't' } });
  expect((await after.json()).code).toBe('PARAMETER_ERROR');
});
