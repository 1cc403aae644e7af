import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath, generateUrlPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';

const skipReason = browserSkipReason();
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');

let server: MockServer;
let url: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const dialogs: string[] = [];

/** An enroll from outside the page (the app under test): its answer's transaction id. */
async function enroll(userId: string, headers: Record<string, string> = {}): Promise<{ code: string; transactionId: string }> {
  const response = await fetch(url + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 'app-token', ...headers },
    body: JSON.stringify({ faceImage: face, userId, region: 'PHL' }),
  });
  return (await response.json()) as { code: string; transactionId: string };
}
const addRule = (rule: unknown) =>
  fetch(url + '/__admin/rules', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
const rows = () => page.locator('#journal-list details');
/** A loopback port nothing listens on: taken from the system, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
/** The user ids of the rows shown, top to bottom. */
const shownUsers = () => rows().evaluateAll((nodes) => nodes.map((n) => n.querySelectorAll('summary > span')[5]?.textContent));

beforeAll(async () => {
  if (skipReason) return;
  // No retries: a failed callback is journaled as failed at once (with no more retries to follow).
  server = await createMockServer({ callback: { retries: 0 } });
  url = await server.listen(0, '127.0.0.1');
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${message.text()} (${message.location().url})`);
  });
  mkdirSync('reports', { recursive: true });
  await page.goto(url + '/__admin/');
  await page.locator('#live[data-state="live"]').waitFor({ timeout: 20_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the console, as a tester uses it, in Debian Chromium', () => {
  const sent: Record<string, string> = {};

  it('shows every rule by what it does, and a used-up rule apart with its times', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect((await addRule({ name: 'busy once', match: { userId: 'qa-once' }, outcome: 'SERVICE_BUSY', times: 1 })).status).toBe(201);
    expect((await addRule({ name: 'error then success', match: { userId: 'qa-seq' }, sequence: ['ERROR', 'SUCCESS'] })).status).toBe(201);
    expect((await addRule({ name: 'busy thrice', match: { userId: 'qa-thrice' }, outcome: 'SERVICE_BUSY', times: 3 })).status).toBe(201);
    expect((await enroll('qa-once')).code).toBe('SERVICE_BUSY');
    expect((await enroll('qa-seq')).code).toBe('ERROR');
    expect((await enroll('qa-seq')).code).toBe('SUCCESS');
    expect((await enroll('qa-thrice')).code).toBe('SERVICE_BUSY');

    const row = (label: string) => page.locator('#rules-body tr', { hasText: label });
    await expect.poll(() => row('busy once').getAttribute('data-used-up'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => row('error then success').getAttribute('data-used-up'), { timeout: 10_000 }).toBe('true');
    expect(await row('busy once').textContent()).toContain('used up');
    expect(await row('busy once').locator('td.num').textContent()).toBe('1 of 1');
    expect(await row('error then success').locator('td.num').textContent()).toBe('2 of 2');
    // A rule with times left is live, and says how many of its times were taken.
    expect(await row('busy thrice').getAttribute('data-used-up')).toBeNull();
    expect(await row('busy thrice').locator('td.num').textContent()).toBe('1 of 3');

    // The rules file's H5 rule sets an authentication result: shown by what it does, never `undefined`.
    expect(await row('liveness-attack-users').locator('td').nth(2).textContent()).toBe('H5 authentication FAIL (LIVENESS_ATTACK)');
    expect(await page.locator('#rules-body').textContent()).not.toContain('undefined');
    await row('liveness-attack-users').screenshot({ path: 'reports/console-rule-authentication.png' });
    await page.locator('.rules-box').screenshot({ path: 'reports/console-rules-used-up.png' });
  });

  it('filters the journal by userId, outcome (any case) and operation from the keyboard', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    sent.bob1 = (await enroll('qa-bob')).transactionId;
    sent.bob2 = (await enroll('qa-bob', { prefer: 'example=PARAMETER_ERROR_INVALID_IMAGE_FORMAT' })).transactionId;
    sent.ann = (await enroll('qa-ann')).transactionId;
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(7);

    await page.getByLabel('User', { exact: true }).focus();
    await page.keyboard.type('qa-bob');
    await expect.poll(shownUsers).toEqual(['qa-bob', 'qa-bob']);
    expect(await page.textContent('#journal-count')).toBe('2 of 7 shown');
    // A long outcome name may be cut to fit; its whole name is on hover.
    const cut = rows().first().locator('summary > span').nth(1);
    expect(await cut.getAttribute('title')).toBe('PARAMETER_ERROR_INVALID_IMAGE_FORMAT');

    await page.keyboard.press('Tab'); // to the outcome filter
    await page.keyboard.type('success');
    await expect.poll(shownUsers).toEqual(['qa-bob']);
    await page.screenshot({ path: 'reports/console-filtered.png' });

    // Each entry names its operation, and an operation filter keeps only that operation's entries.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows().count()).toBe(7);
    expect(await rows().first().locator('summary > span').nth(2).textContent()).toBe('saveEnroll');
    await page.getByLabel('Operation', { exact: true }).fill('saveEnroll');
    await expect.poll(() => rows().count()).toBe(7);
    await page.getByLabel('Operation', { exact: true }).fill('getEnroll');
    await expect.poll(() => page.textContent('#journal-list')).toBe('No request matches the filters.');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows().count()).toBe(7);
  });

  it('opens an entry and reads its transaction id, and finds the entry by it', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const entry = rows().filter({ hasText: 'qa-ann' });
    await entry.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await entry.getAttribute('open')).not.toBeNull();
    // The entry carries the transaction id the app received, to match it with the app's logs or a bug report.
    expect(await entry.getAttribute('data-transaction-id')).toBe(sent.ann);
    expect(await entry.locator('.transaction-id').textContent()).toBe(sent.ann);
    await entry.screenshot({ path: 'reports/console-entry-transaction.png' });

    await page.getByLabel('Transaction id', { exact: true }).fill(sent.bob1!);
    await expect.poll(shownUsers).toEqual(['qa-bob']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('skips past a long journal with one key press', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    for (let i = 0; i < 40; i++) await enroll(`qa-many-${i}`);
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(47);
    await page.getByRole('button', { name: 'Clear filters' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip past the journal to the rules');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // The next stop after the skip is in the rules section, not the 47 rows of the journal.
    expect(await page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('aria-labelledby'))).toBe('rules-heading');
  });

  it('asks before forgetting a user or clearing the journal, and does nothing when told no', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    await page.locator('.user[data-user-id="qa-ann"]').waitFor({ timeout: 10_000 });
    page.once('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
    await page.getByRole('button', { name: 'Forget qa-ann' }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toBe('Forget qa-ann and its face? This cannot be undone.');
    expect(server.store.faces('qa-ann')).toHaveLength(1);

    page.once('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.accept()));
    await page.getByRole('button', { name: 'Forget qa-ann' }).click();
    await page.locator('.user[data-user-id="qa-ann"]').waitFor({ state: 'detached', timeout: 10_000 });
    expect(server.store.faces('qa-ann')).toEqual([]);

    page.once('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
    await page.getByRole('button', { name: 'Clear journal' }).click();
    await expect.poll(() => dialogs.length).toBe(3);
    expect(dialogs[2]).toMatch(/^Empty the journal\?/);
    expect(((await (await fetch(url + '/__admin/requests')).json()) as { requests: unknown[] }).requests.length).toBe(47);
    expect(await rows().count()).toBe(47);
    await page.screenshot({ path: 'reports/console-after-forget.png' });
  });

  it('shows a failed callback as failed and a delivered one as delivered', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const receiver = createServer((_, response) => void response.writeHead(200).end('ok'));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const closed = await closedPort();
    try {
      for (const [userId, port] of [
        ['qa-callback-ok', (receiver.address() as AddressInfo).port],
        ['qa-callback-down', closed],
      ] as const) {
        expect((await enroll(userId)).code).toBe('SUCCESS');
        const generated = await fetch(url + generateUrlPath, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-access-token': 'app-token' },
          body: JSON.stringify({
            userId,
            region: 'PHL',
            returnUrl: 'http://127.0.0.1:9/done',
            failReturnUrl: 'http://127.0.0.1:9/failed',
            callbackUrl: `http://127.0.0.1:${port}/callback`,
          }),
        }).then((r) => r.json() as Promise<{ code: string; data: { signatureId: string } }>);
        expect(generated.code).toBe('SUCCESS');
        const completed = await fetch(`${url}/__admin/authentications/${generated.data.signatureId}/complete`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ result: 'PASS' }),
        });
        expect(completed.status).toBe(200);
      }
      const callback = (outcome: string) => page.locator(`#journal-list details[data-outcome="${outcome}"]`).first();
      await callback('CALLBACK_COMPLETED_FAILED').waitFor({ timeout: 15_000 });
      await callback('CALLBACK_COMPLETED').waitFor({ timeout: 15_000 });
      expect(await callback('CALLBACK_COMPLETED_FAILED').locator('.badge').getAttribute('class')).toBe('badge fault');
      expect(await callback('CALLBACK_COMPLETED').locator('.badge').getAttribute('class')).toBe('badge success');
      await callback('CALLBACK_COMPLETED_FAILED').locator('summary').click();
      expect(await callback('CALLBACK_COMPLETED_FAILED').locator('.entry').textContent()).toMatch(/no more retries follow/);
      await page.locator('#journal-list').screenshot({ path: 'reports/console-callbacks.png' });
    } finally {
      receiver.close();
    }
  });

  it('ran without a page or console error', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect(pageErrors.join('\n')).toBe('');
  });
});
