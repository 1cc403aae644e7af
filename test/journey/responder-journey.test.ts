import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createResponder, type Responder } from '../../src/responder/create-responder.js';
import type { MemoryState } from '../../src/state/create-memory-state.js';
import { deleteEnrollPath, enrollPath, generateUrlPath, getEnrollPath, getResultPath } from '../../src/generated/outcomes.js';

const image = (name: string) => readFileSync(new URL(`../../fixtures/images/${name}`, import.meta.url));
const ORIGIN = 'http://127.0.0.1:4010';

/** A loopback callback receiver answering the statuses it is given, in turn (200 once they run out). */
async function startReceiver(statuses: number[] = []): Promise<{ url: string; bodies: unknown[]; close(): Promise<void> }> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/callback?auth=secret`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

describe('the journey through the responder', () => {
  let clock: number;
  let responder: Responder<MemoryState>;
  const call = async (path: string, body: unknown, headers: Record<string, string> = { 'x-access-token': 't' }) => {
    const { answer } = await responder.respond({ method: 'POST', path, headers, bodyText: JSON.stringify(body), origin: ORIGIN });
    if (answer.kind !== 'http') throw new Error(answer.kind);
    return JSON.parse(answer.body as string) as { code: string; message: string; data: any; extra: string | null };
  };
  const get = async (url: string) => {
    const { answer } = await responder.respond({ method: 'GET', path: new URL(url).pathname, origin: ORIGIN });
    if (answer.kind !== 'http') throw new Error(answer.kind);
    return answer;
  };
  const enroll = (userId: string, file = 'face.jpg') =>
    call(enrollPath, { faceImage: image(file).toString('base64'), userId, region: 'PHL' });
  const generate = (userId: string, callbackUrl = 'http://127.0.0.1:9/callback') =>
    call(generateUrlPath, { returnUrl: 'https://app.example/ok', failReturnUrl: 'myapp://host/fail', callbackUrl, userId, region: 'PHL' });

  beforeEach(() => {
    clock = Date.parse('2030-01-01T00:00:00Z');
    responder = createResponder({ seed: 7, now: () => new Date(clock), callback: { retries: 2, backoffMs: 10, timeoutMs: 2000 } });
  });

  it('serves the exact enrolled bytes behind get-enroll URLs, with the content type, until they expire', async () => {
    await enroll('img-user', 'face.jpg');
    await enroll('img-user', 'face.png');
    const { data } = await call(getEnrollPath, { userId: 'img-user' });
    expect(data.imageUrlList).toHaveLength(2);
    expect(data.imageUrlList[0]).toMatch(/^http:\/\/127\.0\.0\.1:4010\/__mock\/faces\//);
    const jpeg = await get(data.imageUrlList[0]);
    expect([jpeg.status, jpeg.headers['content-type']]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(jpeg.body as Uint8Array).equals(image('face.jpg'))).toBe(true);
    const png = await get(data.imageUrlList[1]);
    expect([png.headers['content-type'], Buffer.from(png.body as Uint8Array).equals(image('face.png'))]).toEqual(['image/png', true]);
    clock += 3600 * 1000;
    const expired = await get(data.imageUrlList[0]);
    expect([expired.status, expired.body]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')]);
  });

  it('refuses a face URL whose expiry was edited', async () => {
    await enroll('tamper-user');
    const { data } = await call(getEnrollPath, { userId: 'tamper-user' });
    const forged = (data.imageUrlList[0] as string).replace(/\/(\d+)\/([0-9a-f]+)$/, (_m, exp, sig) => `/${Number(exp) + 9999}/${sig}`);
    expect((await get(forged)).status).toBe(403);
  });

  it('delete-enroll removes the faces and their URLs; an unknown user is a SUCCESS', async () => {
    await enroll('gone-user');
    const { data } = await call(getEnrollPath, { userId: 'gone-user' });
    expect((await call(deleteEnrollPath, { userId: 'gone-user' })).code).toBe('SUCCESS');
    expect(responder.store.faces('gone-user')).toEqual([]);
    expect((await call(getEnrollPath, { userId: 'gone-user' })).data.imageUrlList).toEqual([]);
    expect((await get(data.imageUrlList[0])).status).toBe(404);
    expect((await call(deleteEnrollPath, { userId: 'never-known' })).code).toBe('SUCCESS');
  });

  it('keeps image bytes under the memory cap, dropping the oldest first', async () => {
    const size = image('face.jpg').length;
    responder = createResponder({ seed: 7, imageMemoryBytes: size * 2 + 1 });
    for (const userId of ['cap-1', 'cap-2', 'cap-3']) await enroll(userId);
    expect(responder.store.imageBytes()).toBe(size * 2);
    const [first, , third] = ['cap-1', 'cap-2', 'cap-3'].map((u) => responder.store.faces(u)[0]!.transactionId);
    expect(responder.store.image(first!)).toBeUndefined();
    expect(responder.store.image(third!)?.bytes.length).toBe(size);
  });

  it('applies the token rule to every journey operation: with token issued, a made-up token is refused before Prefer', async () => {
    responder = createResponder({ seed: 7, token: 'issued' });
    for (const path of [getEnrollPath, deleteEnrollPath, generateUrlPath, getResultPath]) {
      const { answer } = await responder.respond({
        method: 'POST',
        path,
        headers: { 'x-access-token': 'made-up', prefer: 'example=ERROR' },
        bodyText: '{}',
      });
      expect([path, JSON.parse((answer as { body: string }).body).code]).toEqual([path, 'IAM_FAILED']);
    }
  });

  it('completes headlessly: PASS with a high similarity, the callback retried past two 500s, every attempt journaled', async () => {
    const receiver = await startReceiver([500, 503]);
    try {
      await enroll('pass-user');
      const { data } = await generate('pass-user', receiver.url);
      const outcome = await responder.complete(data.signatureId, { result: 'PASS' });
      if (!outcome.ok) throw new Error(outcome.error);
      expect(outcome.redirectUrl).toBe('https://app.example/ok');
      const attempts = await outcome.delivery;
      expect(attempts.map((a) => a.status)).toEqual([500, 503, 200]);
      expect(receiver.bodies).toEqual(Array(3).fill({ signatureId: data.signatureId, type: 'COMPLETED' }));
      const journaled = responder.journal.list().requests.filter((e) => e.outcome.startsWith('CALLBACK_COMPLETED'));
      expect(journaled.map((e) => [e.path, e.status, e.outcome])).toEqual([
        [receiver.url, 500, 'CALLBACK_COMPLETED_FAILED'],
        [receiver.url, 503, 'CALLBACK_COMPLETED_FAILED'],
        [receiver.url, 200, 'CALLBACK_COMPLETED'],
      ]);
      const result = await call(getResultPath, { signatureId: data.signatureId });
      expect(result.data).toMatchObject({ overallResult: 'PASS', errorCode: 'SUCCESS', countryCodeIso3: 'PHL' });
      expect(result.data.faceDetail.faceSimilarityScore).toBeGreaterThanOrEqual(90);
      expect(result.data.faceDetail.faceLivenessScore).toBeGreaterThanOrEqual(50);
    } finally {
      await receiver.close();
    }
  });

  it('stops after the bounded retries when the receiver never answers 200', async () => {
    const receiver = await startReceiver([500, 500, 500, 500]);
    try {
      await enroll('retry-user');
      const { data } = await generate('retry-user', receiver.url);
      const outcome = await responder.complete(data.signatureId, { result: 'FAIL' });
      if (!outcome.ok) throw new Error(outcome.error);
      expect((await outcome.delivery).map((a) => a.status)).toEqual([500, 500, 500]);
      expect(outcome.redirectUrl).toBe('myapp://host/fail');
    } finally {
      await receiver.close();
    }
  });

  it('scores deterministically: the same selfie gives the same scores; the enrolled image scores high, another low', async () => {
    await enroll('score-user', 'face.jpg');
    const score = async (selfie: string) => {
      const { data } = await generate('score-user');
      const outcome = await responder.complete(data.signatureId, { result: 'PASS', selfie });
      if (!outcome.ok) throw new Error(outcome.error);
      return outcome.authentication.result!;
    };
    const same = await score(image('face.jpg').toString('base64'));
    const again = await score(image('face.jpg').toString('base64'));
    const other = await score(image('face.png').toString('base64'));
    expect(same.faceDetail!.faceSimilarityScore).toBeGreaterThanOrEqual(90);
    expect([again.faceDetail!.faceSimilarityScore, again.faceDetail!.faceLivenessScore]).toEqual([
      same.faceDetail!.faceSimilarityScore,
      same.faceDetail!.faceLivenessScore,
    ]);
    expect(other.faceDetail!.faceSimilarityScore).toBeLessThan(70);
    expect([same.overallResult, other.overallResult, other.errorCode]).toEqual(['PASS', 'FAIL', 'FACE_MISMATCH']);
  });

  it('sends no callback for INCOMPLETE, and refuses a second completion', async () => {
    const { data } = await generate('giveup-user');
    const outcome = await responder.complete(data.signatureId, { result: 'INCOMPLETE' });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(await outcome.delivery).toEqual([]);
    expect(outcome.redirectUrl).toBe('myapp://host/fail');
    const again = await responder.complete(data.signatureId, { result: 'PASS' });
    expect(again).toMatchObject({ ok: false, status: 409 });
  });

  it('serves the H5 page with the user and their enrolled faces, and completes through it', async () => {
    await enroll('page-user');
    const { data } = await generate('page-user');
    const page = await get(data.url);
    expect([page.status, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(page.body).toContain('page-user');
    expect(page.body).toMatch(/<img class="face" alt="enrolled face 1" src="http:\/\/127\.0\.0\.1:4010\/__mock\/faces\//);
    const { answer } = await responder.respond({
      method: 'POST',
      path: `${new URL(data.url).pathname}/complete`,
      bodyText: JSON.stringify({ result: 'FAIL', reason: 'FACE_MISMATCH' }),
    });
    expect(JSON.parse((answer as { body: string }).body)).toMatchObject({
      overallResult: 'FAIL',
      errorCode: 'FACE_MISMATCH',
      redirectUrl: 'myapp://host/fail',
    });
  });

  it('answers the admin completion, and 404 for an id it never issued', async () => {
    await enroll('admin-user');
    const { data } = await generate('admin-user');
    const admin = (path: string, body: unknown) => responder.respond({ method: 'POST', path, bodyText: JSON.stringify(body) });
    const done = (await admin(`/__admin/authentications/${data.signatureId}/complete`, { result: 'PASS' })).answer as {
      status: number;
      body: string;
    };
    expect([done.status, JSON.parse(done.body).overallResult]).toEqual([200, 'PASS']);
    const unknown = (await admin('/__admin/authentications/ffffffffffffffff/complete', { result: 'PASS' })).answer as { status: number };
    expect(unknown.status).toBe(404);
    const bad = (await admin(`/__admin/authentications/${data.signatureId}/complete`, { result: 'MAYBE' })).answer as {
      status: number;
      body: string;
    };
    expect([bad.status, JSON.parse(bad.body).error]).toEqual([400, expect.stringContaining('PASS, FAIL or INCOMPLETE')]);
  });
});
