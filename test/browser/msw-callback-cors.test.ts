import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer as createVite, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUrlPath } from '../../src/generated/outcomes.js';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';

/**
 * In a browser app the MSW handlers run in the page, so the callback to callbackUrl is the page's own
 * cross-origin fetch: a JSON POST, preflighted. What a receiver must answer for it to arrive, proven on loopback
 * receivers with and without CORS (docs/frontend.md, "The callback in a browser app").
 */
const skipReason = browserSkipReason();

interface Receiver {
  url: string;
  server: Server;
  seen: Array<{ method: string; origin?: string; body: string }>;
}

async function startReceiver(cors: boolean): Promise<Receiver> {
  const receiver = { seen: [] } as unknown as Receiver;
  receiver.server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      receiver.seen.push({ method: req.method!, ...(req.headers.origin ? { origin: req.headers.origin } : {}), body });
      if (cors && req.headers.origin) {
        res.setHeader('access-control-allow-origin', req.headers.origin);
        res.setHeader('access-control-allow-methods', 'POST');
        res.setHeader('access-control-allow-headers', 'content-type');
      }
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/callback?auth=s3cret`;
  return receiver;
}

let vite: ViteDevServer;
let browser: Browser;
let page: Page;
let pageOrigin: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  if (skipReason) return;
  vite = await createVite({
    configFile: fileURLToPath(new URL('../../examples/browser/vite.config.ts', import.meta.url)),
    server: { port: 0 },
  });
  await vite.listen();
  pageOrigin = new URL(vite.resolvedUrls!.local[0]!).origin;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.goto(pageOrigin);
  await page.getByText('Mock ready').waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await vite?.close();
  for (const receiver of receivers) await new Promise((resolve) => receiver.server.close(resolve));
});

/** Generates a URL through the page's mock, completes it there with PASS, and returns the callback attempts it journaled. */
async function callbackThroughThePage(callbackUrl: string): Promise<Array<{ attempt: number; status: number; detail: string }>> {
  const script = `import('/mock.ts').then(async (m) => {
    const base = 'https://callback-cors.browser.test';
    const mock = m.createEnrollMock({ baseUrls: [base], callback: { retries: 1, backoffMs: 50 } });
    m.worker.use(...mock.handlers);
    const response = await fetch(base + ${JSON.stringify(generateUrlPath)}, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': 't' },
      body: JSON.stringify({ returnUrl: 'https://app.example/ok', failReturnUrl: 'https://app.example/fail', callbackUrl: ${JSON.stringify(callbackUrl)}, userId: 'cors-user', region: 'PHL' }),
    });
    const { data } = await response.json();
    const outcome = await mock.completeAuthentication(data.signatureId, { result: 'PASS' });
    return { signatureId: data.signatureId, attempts: await outcome.delivery };
  })`;
  const { attempts } = await page.evaluate<{ signatureId: string; attempts: Array<{ attempt: number; status: number; detail: string }> }>(
    script,
  );
  return attempts;
}

describe('the callback from MSW in a browser app (Chromium)', () => {
  it("arrives at a receiver that answers CORS for the page's origin: a preflight, then the POST, answered 200 once", async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const receiver = await startReceiver(true);
    receivers.push(receiver);
    const attempts = await callbackThroughThePage(receiver.url);
    expect(attempts.map((a) => a.status)).toEqual([200]);
    expect(receiver.seen.map((s) => [s.method, s.origin])).toEqual([
      ['OPTIONS', pageOrigin],
      ['POST', pageOrigin],
    ]);
    expect(JSON.parse(receiver.seen[1]!.body)).toMatchObject({ type: 'COMPLETED' });
  });

  it('never arrives at a receiver without CORS: the browser stops at the preflight, and the mock journals a network error per attempt', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const receiver = await startReceiver(false);
    receivers.push(receiver);
    const attempts = await callbackThroughThePage(receiver.url);
    expect(attempts.map((a) => [a.status, a.detail.startsWith('network error')])).toEqual([
      [0, true],
      [0, true],
    ]);
    expect(receiver.seen.map((s) => s.method)).toEqual(['OPTIONS', 'OPTIONS']);
  });
});
