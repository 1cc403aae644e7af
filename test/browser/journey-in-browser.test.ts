import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath, generateUrlPath, getResultPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';

const skipReason = browserSkipReason();
const facePath = fileURLToPath(new URL('../../fixtures/images/face.jpg', import.meta.url));

/** The app's side, on loopback: the return pages the H5 page lands on and the callback receiver. */
interface App {
  url: string;
  callbacks: { query: string; body: { signatureId: string; type: string } }[];
  server: Server;
}

async function startApp(): Promise<App> {
  const app = { callbacks: [] } as unknown as App;
  app.server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app');
    if (req.method === 'POST' && url.pathname === '/callback') {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        app.callbacks.push({ query: url.search, body: JSON.parse(text) });
        res.writeHead(200).end();
      });
      return;
    }
    const title = url.pathname === '/done' ? 'Welcome back: face authentication done' : 'Face authentication failed';
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>${title}</title><h1 id="landed">${title}</h1>`);
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  app.url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return app;
}

let mock: MockServer;
let mockUrl: string;
let app: App;
let browser: Browser;
let page: Page;

const post = async (path: string, body: unknown) => {
  const response = await fetch(mockUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 'journey-token' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { code: string; data: any };
};

beforeAll(async () => {
  if (skipReason) return;
  mock = await createMockServer({ seed: 11, callback: { backoffMs: 50 } });
  mockUrl = await mock.listen(0);
  app = await startApp();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 480, height: 900 } });
  mkdirSync('reports', { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await mock?.close();
  await new Promise((resolve) => app?.server.close(resolve));
});

describe('the whole face-authentication journey, in Chromium against the server', () => {
  /** The backend's part: generate a URL for the user, with the app's return pages and callback receiver. */
  const generate = async (userId: string) => {
    const answer = await post(generateUrlPath, {
      returnUrl: `${app.url}/done`,
      failReturnUrl: `${app.url}/failed`,
      callbackUrl: `${app.url}/callback?auth=s3cret`,
      userId,
      region: 'PHL',
      bizId: `order-${userId}`,
    });
    expect(answer.code).toBe('SUCCESS');
    return answer.data as { url: string; signatureId: string };
  };
  const callbackFor = async (signatureId: string) => {
    for (let i = 0; i < 100 && !app.callbacks.some((c) => c.body.signatureId === signatureId); i++)
      await new Promise((r) => setTimeout(r, 50));
    return app.callbacks.filter((c) => c.body.signatureId === signatureId);
  };

  it('enrolls, opens the H5 page, passes, lands on returnUrl, receives the callback, and reads PASS with a high similarity', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect(
      (await post(enrollPath, { faceImage: readFileSync(facePath).toString('base64'), userId: 'journey-pass', region: 'PHL' })).code,
    ).toBe('SUCCESS');
    const { url, signatureId } = await generate('journey-pass');
    await page.goto(url);
    await expect.poll(() => page.textContent('#userId')).toBe('journey-pass');
    // The enrolled face is an <img> the mock serves: it loaded, so its bytes and content type are right.
    await expect.poll(() => page.$eval('img.face', (img) => (img as HTMLImageElement).naturalWidth)).toBe(512);
    await page.screenshot({ path: 'reports/journey-h5-page.png', fullPage: true });
    await page.click('#pass');
    await page.waitForURL(`${app.url}/done`);
    await page.screenshot({ path: 'reports/journey-returned-pass.png' });
    expect(await callbackFor(signatureId)).toEqual([{ query: '?auth=s3cret', body: { signatureId, type: 'COMPLETED' } }]);
    const result = await post(getResultPath, { signatureId });
    expect(result.data).toMatchObject({ signatureId, overallResult: 'PASS', errorCode: 'SUCCESS', countryCodeIso3: 'PHL' });
    expect(result.data.faceDetail.faceSimilarityScore).toBeGreaterThanOrEqual(90);
    expect(result.data.inputParameters).toMatchObject({ bizId: 'order-journey-pass' });
  });

  it('fails by face mismatch in the page: lands on failReturnUrl, receives the callback, reads FAIL with a low similarity', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const { url, signatureId } = await generate('journey-pass');
    await page.goto(url);
    await page.click('#fail-mismatch');
    await page.waitForURL(`${app.url}/failed`);
    await page.screenshot({ path: 'reports/journey-returned-fail.png' });
    expect((await callbackFor(signatureId)).map((c) => c.body.type)).toEqual(['COMPLETED']);
    const result = await post(getResultPath, { signatureId });
    expect(result.data).toMatchObject({ overallResult: 'FAIL', errorCode: 'FACE_MISMATCH' });
    expect(result.data.faceDetail.faceSimilarityScore).toBeLessThan(70);
  });

  it('scores a selfie picked in the page against the enrolled face: the same image passes', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const { url, signatureId } = await generate('journey-pass');
    await page.goto(url);
    await page.setInputFiles('#file', facePath);
    await page.locator('#preview').waitFor({ state: 'visible' });
    await page.screenshot({ path: 'reports/journey-h5-selfie.png', fullPage: true });
    await page.click('#submit-selfie');
    await page.waitForURL(`${app.url}/done`);
    const result = await post(getResultPath, { signatureId });
    expect(result.data).toMatchObject({ overallResult: 'PASS' });
    expect(result.data.faceDetail.faceSimilarityScore).toBeGreaterThanOrEqual(90);
  });
});
