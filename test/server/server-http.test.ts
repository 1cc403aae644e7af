import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath, generateUrlPath } from '../../src/generated/outcomes.js';
import { startCli, type RunningCli } from '../support/start-cli.js';

// The server's own HTTP as clients see it. The server runs in its own process (the CLI), as a user runs it:
// sharing the test's event loop would hide the timing a reset depends on.

let cli: RunningCli;

beforeAll(async () => {
  cli = await startCli(['--rules', 'none']);
}, 60_000);
afterAll(() => cli.stop());

/** 20 enrolls of `bytes` through Node's fetch, every other one streamed (chunked): their statuses or errors. */
async function twentyOversizedEnrolls(bytes: number): Promise<Record<string, number>> {
  const body = new Uint8Array(bytes).fill(0x61);
  const seen: Record<string, number> = {};
  for (let i = 0; i < 20; i++) {
    const init: RequestInit & { duplex?: 'half' } =
      i % 2 === 1 ? { method: 'POST', body: new Blob([body]).stream(), duplex: 'half' } : { method: 'POST', body };
    const result = await fetch(cli.url + enrollPath, { ...init, headers: { 'content-type': 'application/json' } }).then(
      (r) => String(r.status),
      (e: Error) => String((e.cause as NodeJS.ErrnoException | undefined)?.code ?? e.message),
    );
    seen[result] = (seen[result] ?? 0) + 1;
  }
  return seen;
}

describe('a body over the cap', () => {
  it('reaches Node fetch as the 413 in 20 of 20 tries, with or without a Content-Length', async () => {
    expect(await twentyOversizedEnrolls(9 * 1024 * 1024)).toEqual({ 413: 20 });
  }, 60_000);

  it('keeps serving after them', async () => {
    const after = await fetch(cli.url + enrollPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(after.status).toBe(200);
  });
});

describe('OPTIONS', () => {
  it('answers a plain OPTIONS on an operation with 204 and the Allow its 405 names', async () => {
    const options = await fetch(cli.url + enrollPath, { method: 'OPTIONS' });
    const wrongMethod = await fetch(cli.url + enrollPath, { method: 'GET' });
    expect([options.status, options.headers.get('allow')]).toEqual([204, 'POST, OPTIONS']);
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);
  });

  it('lists only the methods of the path in a CORS preflight', async () => {
    const preflight = (path: string) =>
      fetch(cli.url + path, { method: 'OPTIONS', headers: { origin: 'http://app.test', 'access-control-request-method': 'POST' } });
    const operation = await preflight(enrollPath);
    expect([operation.status, operation.headers.get('access-control-allow-methods')]).toEqual([204, 'POST, OPTIONS']);
    expect((await preflight('/nowhere')).status).toBe(404);
  });
});

describe("the mocked API's CORS", () => {
  it('lets any origin read an answer without credentials, never both at once', async () => {
    const answer = await fetch(cli.url + enrollPath, {
      method: 'POST',
      headers: { origin: 'http://app.test', 'content-type': 'application/json' },
      body: '{}',
    });
    expect([answer.headers.get('access-control-allow-origin'), answer.headers.get('access-control-allow-credentials')]).toEqual([
      '*',
      null,
    ]);
  });
});

describe('the H5 page', () => {
  /** The page of a new authentication, generated with `extra` fields. */
  async function h5Page(extra: Record<string, unknown> = {}): Promise<Response> {
    const generated = await fetch(cli.url + generateUrlPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': 't' },
      body: JSON.stringify({
        returnUrl: 'http://127.0.0.1:9/done',
        failReturnUrl: 'http://127.0.0.1:9/failed',
        callbackUrl: 'http://127.0.0.1:9/callback',
        userId: 'h5-headers',
        region: 'PHL',
        ...extra,
      }),
    });
    const { data } = (await generated.json()) as { data: { url: string } };
    return fetch(data.url, { headers: { origin: 'http://evil.example' } });
  }

  it("carries the console's security headers, refuses framing and any cross-origin read", async () => {
    const page = await h5Page();
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(await page.text()).toContain(`<script nonce="${nonce}">`);
    expect([page.headers.get('x-content-type-options'), page.headers.get('x-frame-options')]).toEqual(['nosniff', 'DENY']);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('may be framed when the URL was generated with iframeEnabled: true', async () => {
    const page = await h5Page({ iframeEnabled: true });
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(page.headers.get('x-frame-options')).toBeNull();
  });
});
