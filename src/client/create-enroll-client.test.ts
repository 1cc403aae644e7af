import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../mocks/index.js';
import { createEnrollClient } from './create-enroll-client.js';

const BASE = 'https://client.test';
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const server = setupServer(...createHandlers({ baseUrls: [BASE], requireToken: 'issued' }));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** Counts the calls to each path, so token fetches can be seen. */
function countingFetch() {
  const calls: string[] = [];
  const wrapped: typeof fetch = (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push(new URL(request.url).pathname.split('/').pop()!);
    return fetch(request);
  };
  return { calls, fetch: wrapped };
}

describe('createEnrollClient', () => {
  it('gets a token, enrolls with it, and returns business errors as values', async () => {
    const { calls, fetch } = countingFetch();
    const client = createEnrollClient({ baseUrl: BASE, accessKey: 'test-access-key', secretKey: 'test-secret-key', fetch });
    const ok = await client.enroll({ faceImage: face, userId: 'client-1', region: 'PHL' });
    expect([ok.data?.code, ok.error]).toEqual(['SUCCESS', undefined]);
    const wrong = await client.enroll({ faceImage: face, userId: 'client-1', region: 'XYZ' });
    expect([wrong.data, wrong.error?.code, wrong.response.status]).toEqual([undefined, 'REGION_WRONG', 200]);
    expect(calls).toEqual(['generate-token', 'enroll', 'enroll']);
  });

  it('renews the token a minute before it expires, not earlier', async () => {
    const { calls, fetch } = countingFetch();
    let clock = Date.now();
    const client = createEnrollClient({
      baseUrl: BASE,
      accessKey: 'test-access-key',
      secretKey: 'test-secret-key',
      periodSecond: 120,
      fetch,
      now: () => clock,
    });
    await client.token();
    clock += 50_000; // 70 s left: still good
    await client.token();
    clock += 15_000; // 55 s left: renew
    await client.token();
    expect(calls).toEqual(['generate-token', 'generate-token']);
  });

  it('returns a token error as a value, and uses a ready token as given', async () => {
    const bad = createEnrollClient({ baseUrl: BASE, accessKey: 'test-access-key', secretKey: 'wrong' });
    expect((await bad.enroll({ faceImage: face, userId: 'u', region: 'PHL' })).error).toMatchObject({
      code: 'PARAMETER_ERROR',
      message: 'Signature error',
    });
    const forged = createEnrollClient({ baseUrl: BASE, accessToken: 'forged.token.here' });
    expect((await forged.enroll({ faceImage: face, userId: 'u', region: 'PHL' })).error).toMatchObject({ code: 'IAM_FAILED' });
  });

  it('says what to pass when it has neither keys nor a token', () => {
    expect(() => createEnrollClient({ baseUrl: BASE })).toThrow('pass accessKey and secretKey');
  });
});
