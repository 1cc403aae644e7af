import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollMock } from '../../mocks/index.js';
import { enrollPath, generateUrlPath, getEnrollPath, getResultPath } from '../../src/generated/outcomes.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url));
const mock = createEnrollMock({ seed: 3, callback: { retries: 0 } });
const server = setupServer(...mock.handlers);
const BASE = 'https://api.advance.ai';
const post = (path: string, body: unknown) =>
  fetch(BASE + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<{ code: string; data: any }>);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('the journey through MSW in Node', () => {
  it('answers get-enroll with URLs on the intercepted host that the handlers serve with the enrolled bytes', async () => {
    await post(enrollPath, { faceImage: face.toString('base64'), userId: 'msw-journey', region: 'PHL' });
    const { data } = await post(getEnrollPath, { userId: 'msw-journey' });
    expect(data.imageUrlList[0]).toMatch(/^https:\/\/api\.advance\.ai\/__mock\/faces\//);
    const response = await fetch(data.imageUrlList[0]);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await response.arrayBuffer()).equals(face)).toBe(true);
  });

  it('completes an authentication from a test with completeAuthentication, as the page would', async () => {
    const { data } = await post(generateUrlPath, {
      returnUrl: 'https://app.example/ok',
      failReturnUrl: 'https://app.example/fail',
      callbackUrl: 'http://127.0.0.1:9/callback',
      userId: 'msw-journey',
      region: 'PHL',
    });
    const page = await fetch(data.url);
    expect(await page.text()).toContain('msw-journey');
    const outcome = await mock.completeAuthentication(data.signatureId, { result: 'PASS' });
    expect(outcome).toMatchObject({ ok: true, redirectUrl: 'https://app.example/ok' });
    const result = await post(getResultPath, { signatureId: data.signatureId });
    expect(result.data).toMatchObject({ overallResult: 'PASS', errorCode: 'SUCCESS' });
  });
});

describe('the journey through MSW behind a path prefix of your own', () => {
  const prefixed = createEnrollMock({ seed: 4, baseUrls: ['http://127.0.0.1:5999/api/advance'] });
  const local = setupServer(...prefixed.handlers);
  beforeAll(() => {
    server.close();
    local.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(() => {
    local.close();
    server.listen({ onUnhandledRequest: 'error' });
  });

  it('builds the face URLs under the prefix, where its handlers answer them', async () => {
    const api = (path: string, body: unknown) =>
      fetch(`http://127.0.0.1:5999/api/advance${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-access-token': 't' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ data: any }>);
    await api(enrollPath, { faceImage: face.toString('base64'), userId: 'prefix-user', region: 'PHL' });
    const { data } = await api(getEnrollPath, { userId: 'prefix-user' });
    expect(data.imageUrlList[0]).toMatch(/^http:\/\/127\.0\.0\.1:5999\/api\/advance\/__mock\/faces\//);
    expect((await fetch(data.imageUrlList[0])).status).toBe(200);
  });
});
