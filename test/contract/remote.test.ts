import { defineContractSuite } from '../../src/contract/define-contract-suite.js';

// The real API (or any host) only when told: ADVANCE_BASE_URL, with ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY
// or ADVANCE_ACCESS_TOKEN. Without ADVANCE_BASE_URL nothing leaves this machine and every case says why it was
// skipped; with it but no credentials, every case fails with the configuration error (never a silent skip).
const { ADVANCE_BASE_URL, ADVANCE_ACCESS_KEY, ADVANCE_SECRET_KEY, ADVANCE_ACCESS_TOKEN, ADVANCE_IMAGE_BASE_URL } = process.env;

defineContractSuite({
  name: 'remote',
  skip: ADVANCE_BASE_URL
    ? null
    : 'remote target not configured: set ADVANCE_BASE_URL and ADVANCE_ACCESS_KEY + ADVANCE_SECRET_KEY (or ADVANCE_ACCESS_TOKEN) to run the contract against that host (or run `npx face-enroll-mock contract --base-url URL`)',
  ...(ADVANCE_BASE_URL ? { baseUrl: ADVANCE_BASE_URL } : {}),
  ...(ADVANCE_ACCESS_TOKEN
    ? { credentials: { accessToken: ADVANCE_ACCESS_TOKEN } }
    : ADVANCE_ACCESS_KEY && ADVANCE_SECRET_KEY
      ? { credentials: { accessKey: ADVANCE_ACCESS_KEY, secretKey: ADVANCE_SECRET_KEY } }
      : {}),
  ...(ADVANCE_IMAGE_BASE_URL ? { imageBaseUrl: ADVANCE_IMAGE_BASE_URL } : {}),
  credentialsHint: 'ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY',
  reports: { json: 'reports/contract/remote.json', markdown: 'reports/contract/remote.md' },
});
