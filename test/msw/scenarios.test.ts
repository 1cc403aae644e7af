import { setupServer } from 'msw/node';
import { createEnrollMock } from '../../mocks/index.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { headersOf, runScenarioTable } from '../support/scenario-harness.js';

const mock = createEnrollMock({ seed: 1 });
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
    const response = await fetch(`https://sg-api.advance.ai${enrollPath}`, {
      method: 'POST',
      headers: request.headers,
      body: request.bodyText,
    });
    return { status: response.status, headers: headersOf(response), bodyText: await response.text() };
  },
  storeCount: async () => mock.store.count(),
});
