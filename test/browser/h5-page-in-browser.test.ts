import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectImage } from '../../src/core/image/inspect-image.js';
import { scoreAuthentication } from '../../src/core/journey/score-authentication.js';
import { sha256Hex } from '../../src/core/crypto/sha256-hex.js';
import { enrollPath, generateUrlPath, getResultPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';

const skipReason = browserSkipReason();
const face = readFileSync(fileURLToPath(new URL('../../fixtures/images/face.jpg', import.meta.url)));

// Chromium's fake camera (a generated test pattern) stands in for the user's, and its permission prompt is answered yes.
const CAMERA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

let mock: MockServer;
let mockUrl: string;
let app: Server;
let appUrl: string;
let browser: Browser;
let page: Page;
const callbacks: string[] = [];

/** A new authentication of `userId` whose callback URL names it, opened in the page. */
const open = async (userId: string, tag: string) => {
  const generated = await post(generateUrlPath, {
    returnUrl: `${appUrl}/done`,
    failReturnUrl: `${appUrl}/failed`,
    callbackUrl: `${appUrl}/callback?tag=${tag}`,
    userId,
    region: 'PHL',
  });
  const { url, signatureId } = generated.data as { url: string; signatureId: string };
  await page.goto(url);
  return signatureId;
};

const post = async (path: string, body: unknown) => {
  const response = await fetch(mockUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 'camera-token' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { code: string; data: any };
};

beforeAll(async () => {
  if (skipReason) return;
  mock = await createMockServer({ seed: 12, callback: { backoffMs: 50 } });
  mockUrl = await mock.listen(0);
  // The app's return pages and callback receiver, on loopback.
  app = createServer((req, res) => {
    req.resume();
    if (req.method === 'POST') {
      callbacks.push(req.url ?? '');
      return void res.writeHead(200).end();
    }
    // A page of another site that frames the URL it is given (/frame?src=URL).
    const framed = new URL(req.url ?? '/', 'http://app').searchParams.get('src');
    if (framed) return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><iframe src="${framed}"></iframe>`);
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>${req.url}</title><h1>Back in the app: ${req.url}</h1>`);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...CAMERA_ARGS] });
  page = await browser.newPage({ viewport: { width: 480, height: 1100 } });
  mkdirSync('reports', { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await mock?.close();
  await new Promise((resolve) => app?.close(resolve));
});

describe("the H5 page's camera, in Chromium with a fake camera", () => {
  it('takes a selfie with the camera, submits it, and get-result scores that captured image against the enrolled face', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect((await post(enrollPath, { faceImage: face.toString('base64'), userId: 'camera-user', region: 'PHL' })).code).toBe('SUCCESS');
    const generated = await post(generateUrlPath, {
      returnUrl: `${appUrl}/done`,
      failReturnUrl: `${appUrl}/failed`,
      callbackUrl: `${appUrl}/callback`,
      userId: 'camera-user',
      region: 'PHL',
    });
    const { url, signatureId } = generated.data as { url: string; signatureId: string };
    await page.goto(url);

    // Counts the page's camera requests: one, however many times the button is pressed.
    await page.evaluate(() => {
      const ask = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      (window as unknown as { asked: number }).asked = 0;
      navigator.mediaDevices.getUserMedia = (constraints) => ((window as unknown as { asked: number }).asked++, ask(constraints));
    });
    await page.click('#use-camera');
    const camera = page.locator('#camera');
    await camera.waitFor({ state: 'visible' });
    // The stream is live once the video knows its size; the picture is taken from it.
    await page.waitForFunction(() => (document.getElementById('camera') as HTMLVideoElement).videoWidth > 0, null, { timeout: 10_000 });
    await expect.poll(() => page.textContent('#use-camera')).toBe('Take the picture');
    await page.click('#use-camera');
    await page.locator('#preview').waitFor({ state: 'visible' });
    await page.screenshot({ path: 'reports/journey-h5-camera.png', fullPage: true });
    const video = await camera.evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight }));
    expect(await page.evaluate(() => (window as unknown as { asked: number }).asked)).toBe(1);

    // What the page sends is the picture the camera took: read it off the wire.
    const sent = page.waitForRequest((request) => request.url().endsWith(`/${signatureId}/complete`));
    await page.click('#submit-selfie');
    const { result, selfie } = JSON.parse((await sent).postData()!) as { result: string; selfie: string };
    await page.waitForURL(`${appUrl}/failed`);
    await page.screenshot({ path: 'reports/journey-h5-camera-returned.png' });

    const captured = Buffer.from(selfie, 'base64');
    expect([result, inspectImage(captured)]).toEqual(['PASS', expect.objectContaining({ format: 'jpeg', ...video })]);

    const answer = await post(getResultPath, { signatureId });
    // The camera's picture is not the enrolled face: chosen "pass", scored a mismatch (without a selfie, "pass"
    // would have used the enrolled face itself and scored 90 or more).
    expect(answer.data).toMatchObject({ signatureId, overallResult: 'FAIL', errorCode: 'FACE_MISMATCH' });
    const detail = answer.data.faceDetail as { faceSimilarityScore: number; faceLivenessScore: number };
    expect(detail.faceSimilarityScore).toBeGreaterThanOrEqual(5);
    expect(detail.faceSimilarityScore).toBeLessThan(40);
    // And it is the score of exactly those bytes against the enrolled face.
    const expected = await scoreAuthentication({
      chosen: 'PASS',
      selfieSha256: await sha256Hex(captured),
      enrolled: [await sha256Hex(face)],
      similarityThreshold: 70,
      time: 0,
    });
    expect([detail.faceSimilarityScore, detail.faceLivenessScore]).toEqual([
      expected.faceDetail!.faceSimilarityScore,
      expected.faceDetail!.faceLivenessScore,
    ]);
  });
});

describe("the H5 page's other outcome buttons, in Chromium", () => {
  it('"Fail: liveness attack" lands on failReturnUrl and reads FAIL LIVENESS_ATTACK with a liveness score under 50', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const signatureId = await open('camera-user', 'liveness');
    await page.click('#fail-liveness');
    await page.waitForURL(`${appUrl}/failed`);
    const { data } = await post(getResultPath, { signatureId });
    expect(data).toMatchObject({ overallResult: 'FAIL', errorCode: 'LIVENESS_ATTACK', faceDetail: { livenessAttackType: 1 } });
    expect(data.faceDetail.faceLivenessScore).toBeLessThan(50);
    await expect.poll(() => callbacks.includes('/callback?tag=liveness')).toBe(true);
  });

  it('"Give up" lands on failReturnUrl, reads INCOMPLETE USER_GIVE_UP, and sends no callback', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const signatureId = await open('camera-user', 'giveup');
    await page.click('#giveup');
    await page.waitForURL(`${appUrl}/failed`);
    const { data } = await post(getResultPath, { signatureId });
    expect(data).toMatchObject({ overallResult: 'INCOMPLETE', errorCode: 'USER_GIVE_UP', faceDetail: null });
    // The liveness test's callback arrived within its poll; this one is never sent (the vendor excludes INCOMPLETE).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callbacks.filter((url) => url.includes('tag=giveup'))).toEqual([]);
  });
});

describe('the H5 page framed by another site, in Chromium', () => {
  /** Whether the H5 page's Pass button shows inside an iframe of the app's page. */
  const passShownInFrame = async (extra: Record<string, unknown>) => {
    const generated = await post(generateUrlPath, {
      returnUrl: `${appUrl}/done`,
      failReturnUrl: `${appUrl}/failed`,
      callbackUrl: `${appUrl}/callback`,
      userId: 'framed-user',
      region: 'PHL',
      ...extra,
    });
    const { url } = generated.data as { url: string };
    // goto resolves on the load event, which waits for the frame (or its refusal).
    await page.goto(`${appUrl}/frame?src=${encodeURIComponent(url)}`);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    return frame ? frame.evaluate(() => document.querySelector('#pass') !== null).catch(() => false) : false;
  };

  it('is not shown in a frame unless its URL was generated with iframeEnabled: true', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect(await passShownInFrame({})).toBe(false);
    expect(await passShownInFrame({ iframeEnabled: true })).toBe(true);
  });
});
