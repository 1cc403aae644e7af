import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createEnrollMock, handlers, tokenOutcome, type TokenOutcomeName } from '../../mocks/index.js';
import { enrollPath, tokenPath } from '../../src/generated/outcomes.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const ISSUING = 'https://issuing.client.test';
const issuing = createEnrollMock({ baseUrls: [ISSUING], token: 'issued' });
const server = setupServer(...handlers, ...issuing.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A generate-token request with the default test keys and a correct signature. */
async function getToken(base = 'https://sg-api.advance.ai', secretKey = 'test-secret-key') {
  const timestamp = String(Date.now());
  const bytes = new TextEncoder().encode(`test-access-key${secretKey}${timestamp}`);
  const signature = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  const response = await fetch(base + tokenPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accessKey: 'test-access-key', timestamp, signature }),
  });
  return { status: response.status, body: (await response.json()) as { code: string; message: string; data: { token: string } | null } };
}

describe('tokenOutcome (MSW): the named generate-token example', () => {
  it('answers the next token request with the named example, then the checks answer again', async () => {
    server.use(tokenOutcome('ACCOUNT_DISABLED'));
    expect(await getToken()).toMatchObject({ status: 200, body: { code: 'ACCOUNT_DISABLED', message: 'Account Disabled', data: null } });
    expect((await getToken()).body.code).toBe('SUCCESS');
  });

  it("answers SERVICE_BUSY (any API may) with the example's Retry-After header", async () => {
    server.use(tokenOutcome('SERVICE_BUSY'));
    const response = await fetch('https://sg-api.advance.ai' + tokenPath, { method: 'POST', body: '{}' });
    expect([response.status, response.headers.get('retry-after'), ((await response.json()) as { code: string }).code]).toEqual([
      200,
      '1',
      'SERVICE_BUSY',
    ]);
  });

  it('answers an example with its own status (CLIENT_ERROR: 400) and keeps answering with { once: false }', async () => {
    server.use(tokenOutcome('CLIENT_ERROR', { once: false }));
    expect(await getToken()).toMatchObject({ status: 400, body: { code: 'CLIENT_ERROR' } });
    expect(await getToken()).toMatchObject({ status: 400, body: { code: 'CLIENT_ERROR' } });
  });

  it("mock.tokenOutcome answers on that mock's base URLs; SUCCESS issues a token its enroll accepts", async () => {
    server.use(issuing.tokenOutcome('SUCCESS'));
    const { body } = await getToken(ISSUING, 'a-wrong-secret'); // the checks would answer PARAMETER_ERROR_SIGNATURE
    expect(body.code).toBe('SUCCESS');
    const enroll = await fetch(ISSUING + enrollPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': body.data!.token },
      body: JSON.stringify({ faceImage: face, userId: 'token-outcome-1', region: 'PHL' }),
    });
    expect(((await enroll.json()) as { code: string }).code).toBe('SUCCESS');
  });

  it('leaves other base URLs alone', async () => {
    server.use(issuing.tokenOutcome('PARAMETER_ERROR_TIMESTAMP'));
    expect((await getToken()).body.code).toBe('SUCCESS');
    expect((await getToken(ISSUING)).body).toMatchObject({ code: 'PARAMETER_ERROR', message: 'Timestamp error' });
  });

  // Checked by tsc (npm test): a name that is not a generate-token example is a type error.
  it('takes only the generate-token example names', () => {
    expectTypeOf(tokenOutcome).parameter(0).toEqualTypeOf<TokenOutcomeName>();
    expectTypeOf<'REGION_WRONG'>().not.toExtend<TokenOutcomeName>();
  });
});
