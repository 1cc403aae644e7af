import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollMock } from '../../mocks/index.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { startImageServer, type ImageServer } from '../support/image-server.js';
import { allScenarios, defaultRulesPath, materialize } from '../support/scenarios.js';
import { envelopeErrors } from '../support/validate-envelope.js';

// MSW answers only the vendor host here, so requests to the local server pass through to it.
const VENDOR = 'https://sg-api.advance.ai';
const mock = createEnrollMock({ seed: 1, baseUrls: [VENDOR] });
const msw = setupServer(...mock.handlers);
let server: MockServer;
let serverUrl: string;
let images: ImageServer;

beforeAll(async () => {
  images = await startImageServer();
  server = await createMockServer({ seed: 1, rulesFile: defaultRulesPath });
  serverUrl = await server.listen(0);
  msw.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(async () => {
  msw.close();
  await server.close();
  await images.close();
});

const send = async (base: string, request: { headers: Record<string, string>; bodyText: string }) => {
  const response = await fetch(base + enrollPath, { method: 'POST', headers: request.headers, body: request.bodyText });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, contentType: response.headers.get('content-type'), body };
};

describe('the scenario table, over real HTTP to the local server, against the MSW adapter', () => {
  for (const scenario of allScenarios()) {
    it(`${scenario.file}: ${scenario.name}`, async () => {
      const request = materialize(scenario, images.url);
      const before = server.store.count();
      const viaServer = await send(serverUrl, request);
      const viaMsw = await send(VENDOR, request);

      expect({ status: viaServer.status, code: viaServer.body.code, message: viaServer.body.message }).toEqual({
        status: scenario.expect.status,
        code: scenario.expect.code,
        message: scenario.expect.message,
      });
      expect(envelopeErrors(viaServer.body)).toEqual([]);
      expect(viaServer.contentType).toMatch(/^application\/json/);
      expect(server.store.count() - before).toBe(scenario.expect.outcome === 'SUCCESS' ? 1 : 0);
      // Parity: the same answer from both adapters, transactionId aside.
      const { transactionId: a, ...serverRest } = viaServer.body;
      const { transactionId: b, ...mswRest } = viaMsw.body;
      expect({ status: viaMsw.status, ...mswRest }).toEqual({ status: viaServer.status, ...serverRest });
      expect([a, b]).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/), expect.stringMatching(/^[0-9a-f]{16}$/)]);
    });
  }
});
