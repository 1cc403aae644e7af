import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../server/create-mock-server.js';
import { loadContractCases } from './load-contract-cases.js';
import { REMOTE_CALLBACK_URL, runContract } from './run-contract.js';
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
        // Image URLs (a callbackUrl needs no image host); cases only a mock can produce are skipped for that reason first.
        .filter((c) => /"\$imageUrl":"(?!\/callback")/.test(JSON.stringify(c.request)) && !mockOnlyReason(c))
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

  it("runs the journey's cases there too: state built by the given steps, a callbackUrl that needs no image host, cleaned up", async () => {
    const run = (only: string) =>
      runContract({ baseUrl: REMOTE, credentials: { accessKey: 'k', secretKey: 's' }, fetch: viaLoopback, only });
    const [listed, generated, pending] = [await run('47-'), await run('57-'), await run('69-')];
    const results = [...listed.results, ...generated.results, ...pending.results].filter((r) => r.id !== '00-generate-token');
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['47-get-enroll-success', 'pass'],
      ['57-generate-url-success', 'pass'],
      ['69-get-result-not-finished', 'pass'],
    ]);
    // What the target stored as callbackUrl: a placeholder that is nothing on this machine and never resolves.
    const stored = (await server.responder.authentications.all()).map((a) => a.callbackUrl);
    expect(new Set(stored)).toEqual(new Set([REMOTE_CALLBACK_URL]));
    expect(listed.removedUserIds).toEqual(['contract-journey-0047']);
    expect(await server.store.faces('contract-journey-0047')).toEqual([]);
    // A delete-enroll case that removed its user counts as the clean-up: the user is not deleted twice.
    const deleted = await run('52-');
    expect([deleted.results.at(-1)?.status, deleted.removedUserIds]).toEqual(['pass', ['contract-journey-0052']]);
    const deletes = (await server.journal.list()).requests.filter((r) => r.path.endsWith('/delete-enroll'));
    expect(deletes.filter((r) => r.detail?.includes('contract-journey-0052'))).toHaveLength(1);
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
