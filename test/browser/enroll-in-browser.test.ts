import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';

const skipReason = browserSkipReason();
const image = (name: string) => fileURLToPath(new URL(`../../fixtures/images/${name}`, import.meta.url));

let vite: ViteDevServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

describe('the browser example, in Debian Chromium', () => {
  beforeAll(async () => {
    if (skipReason) return;
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
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await vite?.close();
  });

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

  it('raised no error in the page', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect(pageErrors).toEqual([]);
  });
});
