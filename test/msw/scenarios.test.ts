import { setupServer } from 'msw/node';
import { createEnrollMock } from '../../mocks/index.js';
import { headersOf, runScenarioTable } from '../support/scenario-harness.js';

const mock = createEnrollMock({ seed: 1, callback: { retries: 0 } });
const server = setupServer(...mock.handlers);

runScenarioTable({
  name: 'MSW setupServer and real fetch',
  async start() {
    server.listen({ onUnhandledRequest: 'error' });
  },
  async stop() {
    server.close();
  },
  async send(request) {
    const response = await fetch(`https://sg-api.advance.ai${request.path}`, {
      method: 'POST',
      headers: request.headers,
      body: request.bodyText,
    });
    return { status: response.status, headers: headersOf(response), bodyText: await response.text() };
  },
  storeCount: async () => mock.store.count(),
  async complete(signatureId, completion) {
    const outcome = await mock.completeAuthentication(signatureId, completion as Parameters<typeof mock.completeAuthentication>[1]);
    if (!outcome.ok) throw new Error(outcome.error);
  },
});
