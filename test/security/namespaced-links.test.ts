import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createResponder } from '../../src/responder/create-responder.js';
import { enrollPath, generateUrlPath, getEnrollPath } from '../../src/generated/outcomes.js';

const ORIGIN = 'http://127.0.0.1:4010';
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url));

describe('links issued in a namespace', () => {
  const responder = createResponder({ seed: 4, callback: { retries: 0, timeoutMs: 500 } });
  const inNamespace = { 'x-access-token': 't', 'x-mock-namespace': 'ci-job-7' };
  const call = async (path: string, body: unknown) => {
    const { answer } = await responder.respond({
      method: 'POST',
      path,
      headers: inNamespace,
      bodyText: JSON.stringify(body),
      origin: ORIGIN,
    });
    return JSON.parse((answer as { body: string }).body) as { code: string; data: any };
  };
  // As a browser opens a link: no X-Mock-Namespace header.
  const open = async (path: string, method = 'GET', bodyText?: string) => {
    const { answer } = await responder.respond({ method, path, origin: ORIGIN, ...(bodyText ? { bodyText } : {}) });
    if (answer.kind !== 'http') throw new Error(answer.kind);
    return answer;
  };

  it('open without the header: the H5 page, its completion and the face images', async () => {
    expect((await call(enrollPath, { faceImage: face.toString('base64'), userId: 'ns-user', region: 'PHL' })).code).toBe('SUCCESS');
    const generated = await call(generateUrlPath, {
      returnUrl: 'https://app.example/ok',
      failReturnUrl: 'https://app.example/fail',
      callbackUrl: 'http://127.0.0.1:9/cb',
      userId: 'ns-user',
      region: 'PHL',
    });
    const page = new URL(generated.data.url).pathname;
    expect(page).toMatch(/^\/__mock\/ns\/ci-job-7\/[0-9a-f]{32}\/h5\//);
    const html = await open(page);
    expect(html.status).toBe(200);
    const [link] = (await call(getEnrollPath, { userId: 'ns-user' })).data.imageUrlList as string[];
    const image = await open(new URL(link!).pathname);
    expect([image.status, Buffer.from(image.body as Uint8Array).equals(face)]).toEqual([200, true]);
    const completed = await open(`${page}/complete`, 'POST', JSON.stringify({ result: 'PASS' }));
    expect(completed.status).toBe(200);
  });

  it('cannot be edited into another namespace: the mark is signed', async () => {
    const generated = await call(generateUrlPath, {
      returnUrl: 'https://app.example/ok',
      failReturnUrl: 'https://app.example/fail',
      callbackUrl: 'http://127.0.0.1:9/cb',
      userId: 'ns-user',
      region: 'PHL',
    });
    const page = new URL(generated.data.url).pathname;
    expect((await open(page.replace('/ci-job-7/', '/ci-job-8/'))).status).toBe(403);
  });
});
