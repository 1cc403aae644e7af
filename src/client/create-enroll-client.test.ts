import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollMock } from '../../mocks/index.js';
import { MALFORMED_BODY } from '../responder/answer.js';
import { createEnrollClient } from './create-enroll-client.js';

const BASE = 'https://client.test';
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const mock = createEnrollMock({ baseUrls: [BASE], token: 'issued' });
const server = setupServer(...mock.handlers);
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
    expect([wrong.data, wrong.error?.code, wrong.failure, wrong.response?.status]).toEqual([undefined, 'REGION_WRONG', undefined, 200]);
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

  it('holds the token at data.token, and answers it from the cache without a response', async () => {
    const client = createEnrollClient({ baseUrl: BASE, accessKey: 'test-access-key', secretKey: 'test-secret-key' });
    const first = await client.token();
    expect(first.data?.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(first.data?.expiredTime).toBeGreaterThan(Date.now());
    expect(first.response?.status).toBe(200);
    const cached = await client.token();
    expect([cached.data?.token, cached.response]).toEqual([first.data?.token, undefined]);
  });

  describe('returns transport failures as values, never as error nor as an exception', () => {
    // Made once MSW listens: openapi-fetch keeps the fetch it finds when the client is created.
    let client: ReturnType<typeof createEnrollClient>;
    beforeAll(() => {
      client = createEnrollClient({ baseUrl: BASE, accessKey: 'test-access-key', secretKey: 'test-secret-key' });
    });
    const enrollWith = (fault: string) =>
      client.enroll({ faceImage: face, userId: 'client-f', region: 'PHL' }, { headers: { 'X-Mock-Fault': fault } });

    it.each([
      ['gateway-502', 502],
      ['gateway-504', 504],
    ])("%s: the gateway's HTML page is a gateway failure, not an error envelope", async (fault, status) => {
      const result = await enrollWith(fault);
      expect([result.data, result.error]).toEqual([undefined, undefined]);
      expect(result.failure).toMatchObject({ kind: 'gateway', status, contentType: expect.stringContaining('text/html') });
      expect(result.failure?.kind === 'gateway' && result.failure.body).toMatch(/<html>/);
      expect(result.response?.status).toBe(status);
    });

    it('a cut-off JSON body (malformed) is a malformed failure, not a SyntaxError', async () => {
      const result = await enrollWith('malformed');
      expect([result.data, result.error]).toEqual([undefined, undefined]);
      expect(result.failure).toMatchObject({ kind: 'malformed', status: 200, body: MALFORMED_BODY, message: expect.any(String) });
    });

    it('a reset connection is a network failure, with no response', async () => {
      const result = await enrollWith('reset');
      expect(result.failure).toMatchObject({ kind: 'network', message: expect.any(String), cause: expect.any(Error) });
      expect([result.data, result.error, result.response]).toEqual([undefined, undefined, undefined]);
    });

    it('a fault the MSW mock answers the next enroll with (mock.fault) is one too; the next enroll succeeds', async () => {
      server.use(mock.fault('gateway-502'));
      expect((await client.enroll({ faceImage: face, userId: 'client-g', region: 'PHL' })).failure?.kind).toBe('gateway');
      expect((await client.enroll({ faceImage: face, userId: 'client-g', region: 'PHL' })).data?.code).toBe('SUCCESS');
    });
  });

  it('says what to pass when it has neither keys nor a token', () => {
    expect(() => createEnrollClient({ baseUrl: BASE })).toThrow('pass accessKey and secretKey');
  });
});
