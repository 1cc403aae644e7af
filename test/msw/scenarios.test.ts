import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollMock } from '../../mocks/index.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { startImageServer, type ImageServer } from '../support/image-server.js';
import { allScenarios, materialize } from '../support/scenarios.js';
import { envelopeErrors } from '../support/validate-envelope.js';

const mock = createEnrollMock({ seed: 1 });
const server = setupServer(...mock.handlers);
let images: ImageServer;

beforeAll(async () => {
  images = await startImageServer();
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  server.close();
  await images.close();
});

describe('the scenario table, through MSW setupServer and real fetch', () => {
  for (const scenario of allScenarios()) {
    it(`${scenario.file}: ${scenario.name}`, async () => {
      const request = materialize(scenario, images.url);
      const before = mock.store.count();
      const response = await fetch(`https://sg-api.advance.ai${enrollPath}`, {
        method: 'POST',
        headers: request.headers,
        body: request.bodyText,
      });
      const body = await response.json();
      expect({ status: response.status, code: body.code, message: body.message }).toEqual({
        status: scenario.expect.status,
        code: scenario.expect.code,
        message: scenario.expect.message,
      });
      expect(envelopeErrors(body)).toEqual([]);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      // Only a SUCCESS changes the state.
      expect(mock.store.count() - before).toBe(scenario.expect.outcome === 'SUCCESS' ? 1 : 0);
    });
  }
});
