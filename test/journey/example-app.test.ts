import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJourneyApp, type JourneyApp } from '../../examples/journey/app.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
let mock: MockServer;
let app: JourneyApp;

beforeAll(async () => {
  mock = await createMockServer({ seed: 5, callback: { backoffMs: 50 } });
  app = await startJourneyApp({ apiBase: await mock.listen(0), port: 0 });
});
afterAll(async () => {
  await app?.close();
  await mock?.close();
});

const post = (path: string, body: unknown) =>
  fetch(app.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) =>
    r.json(),
  );

describe('examples/journey against the server', () => {
  it('enrolls, starts an authentication, receives the callback after a headless PASS, and reads the result', async () => {
    expect(await post('/api/enroll', { userId: 'example-user', faceImage: face })).toMatchObject({ code: 'SUCCESS' });
    const { ref, url } = (await post('/api/face-auth/start', { userId: 'example-user' })) as { ref: string; url: string };
    expect(url).toMatch(/\/__mock\/h5\/[0-9a-f]{16}$/);
    const signatureId = url.slice(-16);
    const done = await fetch(`${new URL(url).origin}/__admin/authentications/${signatureId}/complete`, {
      method: 'POST',
      body: JSON.stringify({ result: 'PASS', waitForCallback: true }),
    }).then((r) => r.json());
    expect(done).toMatchObject({ overallResult: 'PASS', redirectUrl: `${app.url}/face-auth/done?ref=${ref}` });
    expect(done.callbackAttempts.map((a: { status: number }) => a.status)).toEqual([200]);
    const attempt = await fetch(`${app.url}/api/face-auth/result/${ref}`).then((r) => r.json());
    expect(attempt).toMatchObject({ signatureId, callbacks: ['COMPLETED'], result: { overallResult: 'PASS', errorCode: 'SUCCESS' } });
  });
});
