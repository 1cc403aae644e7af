import { setupServer } from 'msw/node';
import { createEnrollMock, type EnrollMock, type EnrollMockOptions } from '../../mocks/index.js';
import type { ConcreteRequest } from '../support/scenarios.js';
import { headersOf, runScenarioTable, type ScenarioTarget } from '../support/scenario-harness.js';

const OPTIONS: EnrollMockOptions = { seed: 1, callback: { retries: 0 } };
const mock = createEnrollMock(OPTIONS);
const server = setupServer(...mock.handlers);
let configured = 0;

function targetOf(mock: EnrollMock, base: string): ScenarioTarget {
  return {
    async send(request: ConcreteRequest) {
      const response = await fetch(`${base}${request.path}`, {
        method: 'POST',
        headers: request.headers,
        body: request.bodyText,
        ...(request.timeoutMs ? { signal: AbortSignal.timeout(request.timeoutMs) } : {}),
      });
      return { status: response.status, headers: headersOf(response), bodyText: await response.text() };
    },
    storeCount: async () => mock.store.count(),
    async complete(signatureId, completion) {
      const outcome = await mock.completeAuthentication(signatureId, completion as Parameters<EnrollMock['completeAuthentication']>[1]);
      if (!outcome.ok) throw new Error(outcome.error);
    },
  };
}

runScenarioTable({
  name: 'MSW setupServer and real fetch',
  async start() {
    server.listen({ onUnhandledRequest: 'error' });
  },
  async stop() {
    server.close();
  },
  ...targetOf(mock, 'https://sg-api.advance.ai'),
  // A mock of its own on a base URL of its own, in front of the shared handlers (server.use).
  async withOptions(options) {
    const base = `https://options-${++configured}.msw.test`;
    const own = createEnrollMock({ ...OPTIONS, ...options, baseUrls: [base] });
    server.use(...own.handlers);
    return { ...targetOf(own, base), stop: async () => undefined };
  },
});
