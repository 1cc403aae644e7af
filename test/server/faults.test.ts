import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../mocks/index.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const MSW = 'https://faults.msw.test';
const msw = setupServer(...createHandlers({ baseUrls: [MSW], rules: [{ match: { userId: 'reset-me' }, fault: 'reset' }] }));
let server: MockServer;
let serverUrl: string;

beforeAll(async () => {
  server = await createMockServer({ rules: [{ match: { userId: 'reset-me' }, fault: 'reset' }] });
  serverUrl = await server.listen(0);
  msw.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(async () => {
  msw.close();
  await server.close();
});

const send = (base: string, headers: Record<string, string> = {}, userId = 'u', signal?: AbortSignal) =>
  fetch(base + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't', ...headers },
    body: JSON.stringify({ faceImage: face, userId, region: 'PHL' }),
    ...(signal ? { signal } : {}),
  });

for (const adapter of ['server', 'msw'] as const) {
  const base = () => (adapter === 'server' ? serverUrl : MSW);
  describe(`faults through the ${adapter}`, () => {
    it('resets the connection for X-Mock-Fault: reset and for a rule', async () => {
      await expect(send(base(), { 'x-mock-fault': 'reset' })).rejects.toThrow(TypeError);
      await expect(send(base(), {}, 'reset-me')).rejects.toThrow(TypeError);
    });

    it('sends a cut-off JSON body for malformed', async () => {
      const response = await send(base(), { 'x-mock-fault': 'malformed' });
      expect(response.status).toBe(200);
      await expect(response.json()).rejects.toThrow(SyntaxError);
    });

    it('sends the gateway HTML page for gateway-502 and gateway-504', async () => {
      for (const [fault, status] of [
        ['gateway-502', 502],
        ['gateway-504', 504],
      ] as const) {
        const response = await send(base(), { 'x-mock-fault': fault });
        expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([
          status,
          'text/html',
          expect.stringContaining(`<title>${status}`),
        ]);
      }
    });

    it('hangs until the client gives up for hang', async () => {
      const started = performance.now();
      await expect(send(base(), { 'x-mock-fault': 'hang' }, 'u', AbortSignal.timeout(300))).rejects.toThrow();
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('lists the valid faults for an unknown one, suggesting a near miss', async () => {
      const body = await (await send(base(), { 'x-mock-fault': 'explode' })).json();
      expect(body).toMatchObject({
        code: 'CLIENT_ERROR',
        extra: 'Unknown fault "explode" in X-Mock-Fault: Valid faults: reset, hang, malformed, gateway-502, gateway-504',
      });
      const near = await (await send(base(), { 'x-mock-fault': 'gateway502' })).json();
      expect(near.extra).toBe(
        'Unknown fault "gateway502" in X-Mock-Fault: did you mean gateway-502? Valid faults: reset, hang, malformed, gateway-502, gateway-504',
      );
    });
  });
}

const VENDOR_RATE_LIMIT_MESSAGE = 'Rate limit is exceeded, please retry after the suggested time in HTTP Header. Retry-After: 10s';

describe('rate limiting', () => {
  it('answers SERVICE_BUSY with Retry-After past the limit, on both adapters', async () => {
    const limited = await createMockServer({ rateLimit: 2 });
    const url = await limited.listen(0);
    const LIMITED_MSW = 'https://limited.msw.test';
    msw.use(...createHandlers({ baseUrls: [LIMITED_MSW], rateLimit: 2 }));
    try {
      for (const base of [url, LIMITED_MSW]) {
        // Six requests span at most two one-second windows, so at least two are past a limit of 2.
        const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => send(base)));
        const codes = await Promise.all(
          answers.map(async (r) => {
            const body = await r.json();
            return [body.code, r.headers.get('retry-after'), body.message];
          }),
        );
        const busy = codes.filter(([code]) => code === 'SERVICE_BUSY');
        expect(busy.length).toBeGreaterThanOrEqual(2);
        expect(busy.every(([, retry]) => retry === '1')).toBe(true);
        // The vendor's glossary text (docs/vendor-api.md#rate-limiting-and-common-codes), not a stand-in.
        expect(new Set(busy.map(([, , message]) => message))).toEqual(new Set([VENDOR_RATE_LIMIT_MESSAGE]));
      }
    } finally {
      await limited.close();
    }
  });
});
