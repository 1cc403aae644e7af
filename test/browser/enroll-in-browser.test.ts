import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenarioTable, type ScenarioTarget } from '../support/scenario-harness.js';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';

const skipReason = browserSkipReason();
const image = (name: string) => fileURLToPath(new URL(`../../fixtures/images/${name}`, import.meta.url));

let vite: ViteDevServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** Vite serves the example; Debian Chromium opens it once for this file; the mock service worker starts. */
async function startBrowser(): Promise<void> {
  vite = await createServer({
    configFile: fileURLToPath(new URL('../../examples/browser/vite.config.ts', import.meta.url)),
    server: { port: 0 },
  });
  await vite.listen();
  const url = vite.resolvedUrls!.local[0]!;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  await page.getByText('Mock ready').waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  if (!skipReason) await startBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await vite?.close();
});

describe('the browser example, in Debian Chromium', () => {
  const enroll = async (file: string, userId: string, region: string) => {
    await page.setInputFiles('#image', image(file));
    await page.fill('#userId', userId);
    await page.fill('#region', region);
    await page.click('#submit');
    await page.waitForFunction(() => /^HTTP \d{3}/.test(document.getElementById('result')!.textContent ?? ''), null, { timeout: 20_000 });
    const text = (await page.textContent('#result'))!;
    return { status: Number(text.slice(5, 8)), body: JSON.parse(text.slice(text.indexOf('\n') + 1)) };
  };

  it('is controlled by the mock service worker', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/mockServiceWorker\.js$/);
  });

  it('enrolls a fixture JPEG picked in the page: SUCCESS', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const { status, body } = await enroll('face.jpg', 'browser-user-1', 'PHL');
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 'SUCCESS', message: 'OK', data: null, pricingStrategy: 'FREE' });
    expect(body.transactionId).toMatch(/^[0-9a-f]{16}$/);
    mkdirSync('reports', { recursive: true });
    await page.screenshot({ path: 'reports/browser-enroll-success.png', fullPage: true });
  });

  it('answers REGION_WRONG for a region that is not an ISO code', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect((await enroll('face.jpg', 'browser-user-2', 'XYZ')).body).toMatchObject({ code: 'REGION_WRONG', message: 'Region is wrong' });
  });

  it('checks the image bytes in the browser: a GIF is an invalid format, a flat picture is low quality', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect((await enroll('sample.gif', 'browser-user-3', 'PHL')).body).toMatchObject({
      code: 'PARAMETER_ERROR',
      message: expect.stringMatching(/^Invalid image format/),
    });
    expect((await enroll('low-quality.png', 'browser-user-3', 'PHL')).body).toMatchObject({ code: 'IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE' });
    await page.screenshot({ path: 'reports/browser-enroll-error.png', fullPage: true });
  });

  it('shows an enrolled face as an <img> whose get-enroll URL the service worker answers', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    await enroll('face.jpg', 'browser-img-user', 'PHL');
    const width = await page.evaluate(async () => {
      const api = 'https://sg-api.advance.ai/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/get-enroll';
      const response = await fetch(api, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-access-token': 't' },
        body: JSON.stringify({ userId: 'browser-img-user' }),
      });
      const { data } = await response.json();
      const img = document.createElement('img');
      img.id = 'enrolled-face';
      img.src = data.imageUrlList[0];
      document.body.append(img);
      await img.decode();
      return img.naturalWidth;
    });
    expect(width).toBe(512);
    await page.screenshot({ path: 'reports/browser-get-enroll-img.png', fullPage: true });
  });

  it('raised no error in the page', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect(pageErrors).toEqual([]);
  });
});

// The whole scenario table through MSW in the page: the service worker intercepts the page's fetch and the
// responder answers in the page, image downloads included (the page's fetch, CORS and all).
runScenarioTable({
  name: 'MSW in Debian Chromium (setupWorker)',
  skip: () => skipReason,
  skipScenario: (scenario) =>
    scenario.id.startsWith('18-')
      ? 'a browser follows redirects itself (up to 20) and hides each hop from the page, so the 3-redirect cap cannot be enforced there'
      : null,
  ...pageTarget('https://sg-api.advance.ai', "import('/mock.ts').then((m) => m.enrollments)", "import('/mock.ts')"),
  // A mock of its own, made in the page with the scenario's options, its handlers in front (worker.use).
  async withOptions(options) {
    const base = `https://options-${++configured}.browser.test`;
    const own = `window.__scenarioMocks[${JSON.stringify(base)}]`;
    await page.evaluate(
      `import('/mock.ts').then((m) => {
        const own = m.createEnrollMock({ seed: 1, callback: { retries: 0 }, ...${JSON.stringify(options)}, baseUrls: [${JSON.stringify(base)}] });
        m.worker.use(...own.handlers);
        (window.__scenarioMocks ??= {})[${JSON.stringify(base)}] = own;
      })`,
    );
    return { ...pageTarget(base, `Promise.resolve(${own}.store)`, `Promise.resolve(${own})`), stop: async () => undefined };
  },
});

let configured = 0;

/**
 * Requests sent by the page's fetch to `base`; the store and the completion read in the page by the given
 * expressions (strings, not functions: vitest would rewrite a dynamic import inside the test file for Node).
 */
function pageTarget(base: string, store: string, mock: string): ScenarioTarget {
  return {
    async send(request) {
      return page.evaluate(
        async ({ url, headers, body, timeoutMs }) => {
          const response = await fetch(url, {
            method: 'POST',
            headers,
            body,
            ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
          });
          const out: Record<string, string> = {};
          response.headers.forEach((value, name) => (out[name] = value));
          return { status: response.status, headers: out, bodyText: await response.text() };
        },
        { url: `${base}${request.path}`, headers: request.headers, body: request.bodyText, timeoutMs: request.timeoutMs ?? 0 },
      );
    },
    storeCount: () => page.evaluate<number>(`${store}.then((store) => store.count())`),
    async complete(signatureId, completion) {
      const call = `${mock}.then((mock) => mock.completeAuthentication(${JSON.stringify(signatureId)}, ${JSON.stringify(completion)})).then((o) => o.ok ? '' : o.error)`;
      const error = await page.evaluate<string>(call);
      if (error) throw new Error(error);
    },
  };
}
