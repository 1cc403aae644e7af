import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../server/create-mock-server.js';
import { loadContractCases } from './load-contract-cases.js';
import { runContract } from './run-contract.js';
import { mockOnlyReason } from './run-cases.js';

// A target that is not on this machine, as the runner sees it: its base URL is a public name, while the
// injected fetch carries every request to a loopback kit server (nothing leaves the machine).
const REMOTE = 'https://api.remote-target.test';
let server: MockServer;
let local: string;
const viaLoopback: typeof fetch = (input, init) =>
  input instanceof Request
    ? fetch(new Request(input.url.replace(REMOTE, local), input))
    : fetch(String(input).replace(REMOTE, local), init);

beforeAll(async () => {
  server = await createMockServer({ port: 0, token: 'issued', keys: [{ accessKey: 'k', secretKey: 's' }], rules: false });
  local = await server.listen();
});
afterAll(() => server.close());

describe('runContract against a target off this machine', () => {
  it('skips the URL cases with the reason and the flag to pass, and runs the rest', async () => {
    const report = await runContract({
      baseUrl: REMOTE,
      credentials: { accessKey: 'k', secretKey: 's' },
      fetch: viaLoopback,
      only: '-url',
    });
    const urlCases = new Set(
      loadContractCases()
        // Cases only a mock can produce are skipped for that reason first (the journey's Prefer cases have URLs too).
        .filter((c) => JSON.stringify(c.request).includes('$imageUrl') && !mockOnlyReason(c))
        .map((c) => c.id),
    );
    const ran = report.results.filter((r) => urlCases.has(r.id));
    expect(ran.length).toBeGreaterThan(3);
    for (const r of ran) expect(r, r.id).toMatchObject({ status: 'skip', reason: expect.stringContaining('--image-base-url') });
    const base64 = await runContract({ baseUrl: REMOTE, credentials: { accessKey: 'k', secretKey: 's' }, fetch: viaLoopback, only: '01-' });
    expect(base64.results.map((r) => [r.id, r.status])).toEqual([
      ['00-generate-token', 'pass'],
      ['01-success-jpeg-base64', 'pass'],
    ]);
  });

  it('stops with a configuration error when the target refuses a ready access token', async () => {
    await expect(
      runContract({
        baseUrl: REMOTE,
        credentials: { accessToken: 'expired' },
        fetch: viaLoopback,
        credentialsHint: 'ADVANCE_ACCESS_TOKEN',
      }),
    ).rejects.toThrow(/refused the access token: IAM_FAILED Access denied .*Check ADVANCE_ACCESS_TOKEN/);
  });

  it('refuses to start without credentials for a base URL', async () => {
    await expect(runContract({ baseUrl: REMOTE, fetch: viaLoopback })).rejects.toThrow(/needs credentials/);
  });
});
