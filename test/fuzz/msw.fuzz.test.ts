import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollMock } from '../../mocks/index.js';
import { outcomes } from '../../src/core/envelope/outcome-catalog.js';
import { enrollPath } from '../../src/generated/outcomes.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const BASE = 'https://fuzz.msw.test';
const documented = new Set(Object.values(outcomes).map((o) => `${o.code} ${o.message}`));
const mock = createEnrollMock({ baseUrls: [BASE], seed: 1, image: { download: { timeoutMs: 300 } } });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

describe('the MSW handlers under arbitrary bodies and headers', () => {
  it('answer every request with a documented envelope and store only SUCCESS', async () => {
    let successes = 0;
    const before = mock.store.count();
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record({ faceImage: fc.jsonValue(), userId: fc.jsonValue(), region: fc.jsonValue() }, { requiredKeys: [] })
        .map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 1000 }).map((b) => new Uint8Array(b)),
    );
    const headerValue = fc.string({ maxLength: 40 }).filter((v) => /^[\x20-\x7e]*$/.test(v));
    await fc.assert(
      fc.asyncProperty(body, headerValue, fc.constantFrom('application/json', 'text/plain', ''), async (payload, token, type) => {
        const response = await fetch(BASE + enrollPath, {
          method: 'POST',
          headers: { 'x-access-token': token, ...(type ? { 'content-type': type } : {}) },
          body: payload,
        });
        const json = await response.json();
        expect(documented.has(`${json.code} ${json.message}`)).toBe(true);
        if (json.code === 'SUCCESS') successes++;
      }),
      { numRuns: RUNS },
    );
    expect(mock.store.count() - before).toBe(successes);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
