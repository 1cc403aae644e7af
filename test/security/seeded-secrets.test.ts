import { readFileSync } from 'node:fs';
import { createHash, createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random/create-random.js';
import { createResponder } from '../../src/responder/create-responder.js';
import { enrollPath, getEnrollPath } from '../../src/generated/outcomes.js';

// A seed repeats ids run after run, and every answer shows ids: a secret drawn from it is public.
const SEED = 42;
const ORIGIN = 'http://127.0.0.1:4010';
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');

const ids = (seed: number, count: number) => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.transactionId());
};

async function call(responder: ReturnType<typeof createResponder>, path: string, body: unknown) {
  const { answer } = await responder.respond({
    method: 'POST',
    path,
    headers: { 'x-access-token': 't' },
    bodyText: JSON.stringify(body),
    origin: ORIGIN,
  });
  if (answer.kind !== 'http') throw new Error(answer.kind);
  return JSON.parse(answer.body as string) as { code: string; transactionId: string; data: any };
}

const forgedToken = (key: string) =>
  new SignJWT()
    .setProtectedHeader({ alg: 'HS512' })
    .setSubject('test-access-key')
    .setExpirationTime(Math.floor(Date.now() / 1000) + 3600)
    .sign(new TextEncoder().encode(key));

describe('signing secrets under --seed', () => {
  it('the first answers of a seeded mock do not give away the token key: a token signed with their ids fails', async () => {
    const responder = createResponder({ seed: SEED, token: 'issued' });
    // Four answers of any kind (IAM_FAILED here: no token needed to get them).
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) seen.push((await call(responder, enrollPath, { userId: 'u', region: 'PHL' })).transactionId);
    for (const key of [seen.join(''), ids(SEED, 4).join('')]) {
      expect(await responder.tokens.verify(await forgedToken(key))).toBe(false);
    }
  });

  it('a face link re-signed with a secret derived from the seed is refused, whatever the scheme', async () => {
    const responder = createResponder({ seed: SEED });
    expect((await call(responder, enrollPath, { faceImage: face, userId: 'forger', region: 'PHL' })).code).toBe('SUCCESS');
    const [link] = (await call(responder, getEnrollPath, { userId: 'forger' })).data.imageUrlList as string[];
    const parts = new URL(link!).pathname.split('/');
    const transactionId = decodeURIComponent(parts.at(-3)!);
    const far = String(Math.floor(Date.now() / 1000) + 10 * 365 * 86400);
    const [a, b] = ids(SEED + 0x6a6f75, 2);
    const secret = `${a}${b}`;
    const candidates = [
      createHash('sha256').update(`${secret}:${transactionId}:${far}`).digest('hex').slice(0, 16),
      createHmac('sha256', secret).update(`:${transactionId}:${far}`).digest('hex').slice(0, 16),
    ];
    for (const signature of candidates) {
      const forged = [...parts.slice(0, -2), far, signature].join('/');
      const { answer } = await responder.respond({ method: 'GET', path: forged, origin: ORIGIN });
      expect(answer.kind === 'http' && answer.status).toBe(403);
    }
    // The link as issued still opens.
    const { answer } = await responder.respond({ method: 'GET', path: new URL(link!).pathname, origin: ORIGIN });
    expect(answer.kind === 'http' && answer.status).toBe(200);
  });
});
