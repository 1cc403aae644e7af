import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';

// The README's browser start must work with any bundler: here esbuild with no define and no plugin (a
// bundler that knows nothing of Vite's import.meta.env), in Debian Chromium.
const skipReason = browserSkipReason();
const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const snippet = /```ts\n\/\/ app\/enable-mocking\.ts\n([\s\S]*?)```/.exec(readme)?.[1];

let dir: string;
let site: Server;
let origin: string;
let browser: Browser;
const requested: string[] = [];
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

beforeAll(async () => {
  if (skipReason || !snippet) return;
  // A user's project: its own package.json, the kit and msw resolved as installed dependencies.
  dir = mkdtempSync(join(root, '.readme-browser-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'browser-app', private: true, type: 'module' }));
  for (const part of ['package.json', 'dist'])
    cpSync(join(root, part), join(dir, 'node_modules/face-enroll-mock', part), { recursive: true });
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app/enable-mocking.ts'), snippet);
  writeFileSync(
    join(dir, 'app/main.ts'),
    `import { enableMocking } from './enable-mocking.js';
    await enableMocking();
    document.body.dataset.controlled = String(Boolean(navigator.serviceWorker?.controller));
    if (navigator.serviceWorker?.controller) {
      const answer = await fetch('https://sg-api.advance.ai/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/enroll', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      document.body.dataset.code = (await answer.json()).code;
    }
    document.body.dataset.done = 'yes';`,
  );
  const out = join(dir, 'site');
  await build({
    entryPoints: [join(dir, 'app/main.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir: out,
    logLevel: 'error',
  });
  writeFileSync(join(out, 'index.html'), '<!doctype html><html><body><script type="module" src="/main.js"></script></body></html>');
  cpSync(join(root, 'node_modules/msw/lib/mockServiceWorker.js'), join(out, 'mockServiceWorker.js'));
  site = createServer((request, response) => {
    const path = new URL(request.url!, 'http://x').pathname;
    requested.push(path);
    const file = path === '/' ? 'index.html' : path.slice(1);
    if (!readdirSync(out).includes(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(join(out, file)));
  });
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  // Every host name but loopback resolves to nothing: the page can reach no other machine, whatever happens.
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the README's browser start, bundled by esbuild", () => {
  it('starts the mock when asked (?mock) and the vendor API is answered in the page', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect(snippet, 'README has an app/enable-mocking.ts snippet').toBeDefined();
    const page = await browser.newPage();
    await page.goto(`${origin}/?mock`);
    await page.waitForSelector('body[data-done="yes"]', { state: 'attached', timeout: 60_000 });
    expect(await page.evaluate(() => ({ ...document.body.dataset }))).toMatchObject({ controlled: 'true', code: 'IAM_FAILED' });
    await page.close();
  }, 90_000);

  it('loads no mock code when not asked: the chunk holding the mock is never requested', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const context = await browser.newContext(); // no service worker left from the other test
    const page = await context.newPage();
    requested.length = 0;
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-done="yes"]', { state: 'attached', timeout: 60_000 });
    expect(await page.evaluate(() => document.body.dataset.controlled)).toBe('false');
    expect(requested.filter((path) => path.endsWith('.js'))).toEqual(['/main.js']);
    await context.close();
  }, 90_000);
});
