import { setupServer } from 'msw/node';
import { createHandlers } from '../../mocks/index.js';
import { defineContractSuite } from './define-contract-suite.js';

const BASE = 'https://contract.msw.test';
const server = setupServer(...createHandlers({ baseUrls: [BASE], requireToken: 'issued', seed: 5 }));

defineContractSuite({
  name: 'msw',
  skip: null,
  real: false,
  async start() {
    server.listen({ onUnhandledRequest: 'bypass' });
    return { baseUrl: BASE, accessKey: 'test-access-key', secretKey: 'test-secret-key' };
  },
  async stop() {
    server.close();
  },
});
