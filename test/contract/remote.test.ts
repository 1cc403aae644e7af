import { defineContractSuite } from './define-contract-suite.js';

// The real API (or any host) only when told: ADVANCE_BASE_URL with ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY,
// or with ADVANCE_ACCESS_TOKEN. Without them nothing leaves this machine.
const { ADVANCE_BASE_URL, ADVANCE_ACCESS_KEY, ADVANCE_SECRET_KEY, ADVANCE_ACCESS_TOKEN } = process.env;
const configured = ADVANCE_BASE_URL && ((ADVANCE_ACCESS_KEY && ADVANCE_SECRET_KEY) || ADVANCE_ACCESS_TOKEN);

defineContractSuite({
  name: 'remote',
  skip: configured
    ? null
    : 'remote target not configured: set ADVANCE_BASE_URL and ADVANCE_ACCESS_KEY + ADVANCE_SECRET_KEY (or ADVANCE_ACCESS_TOKEN) to run the contract against that host',
  real: true,
  async start() {
    return {
      baseUrl: ADVANCE_BASE_URL!,
      ...(ADVANCE_ACCESS_TOKEN
        ? { accessToken: ADVANCE_ACCESS_TOKEN }
        : { accessKey: ADVANCE_ACCESS_KEY!, secretKey: ADVANCE_SECRET_KEY! }),
    };
  },
  async stop() {},
});
