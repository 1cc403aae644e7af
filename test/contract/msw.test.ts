import { setupServer } from 'msw/node';
import { createEnrollMock } from '../../mocks/index.js';
import { defineContractSuite } from '../../src/contract/define-contract-suite.js';

const BASE = 'https://contract.msw.test';
const mock = createEnrollMock({ baseUrls: [BASE], token: 'issued', seed: 5 });
const server = setupServer(...mock.handlers);

// The MSW handlers in-process: a mock target (every case, rules and Prefer included) whose image downloads
// go through this process, so the loopback image server serves the URL cases. The default rules match
// unprefixed userIds, so this target sends the table's userIds as they are.
defineContractSuite({
  name: 'msw',
  mode: 'mock',
  userPrefix: '',
  imagesOnLoopback: true,
  // The journey's cases that complete an authentication do it as a test would, not through an admin API.
  async complete(signatureId, completion) {
    const outcome = await mock.completeAuthentication(signatureId, completion as Parameters<typeof mock.completeAuthentication>[1]);
    if (!outcome.ok) throw new Error(outcome.error);
  },
  reports: { json: 'reports/contract/msw.json', markdown: 'reports/contract/msw.md' },
  async start() {
    server.listen({ onUnhandledRequest: 'bypass' });
    return { baseUrl: BASE, credentials: { accessKey: 'test-access-key', secretKey: 'test-secret-key' } };
  },
  async stop() {
    server.close();
  },
});
