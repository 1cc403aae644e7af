import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createResponder } from '../../src/responder/create-responder.js';
import { enrollPath, getEnrollPath } from '../../src/generated/outcomes.js';

const faceBytes = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url));
const face = faceBytes.toString('base64');
const origin = 'http://127.0.0.1:4010';

function setUp() {
  const responder = createResponder({
    seed: 5,
    rules: [{ name: 'forced', match: { userId: { prefix: 'success.' } }, outcome: 'SUCCESS' }],
  });
  const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const { answer } = await responder.respond({
      method: 'POST',
      path,
      headers: { 'x-access-token': 't', ...headers },
      bodyText: JSON.stringify(body),
      origin,
    });
    return JSON.parse((answer as { body: string }).body) as { code: string; data: any };
  };
  const download = async (url: string) => {
    const { answer } = await responder.respond({ method: 'GET', path: url.slice(origin.length), headers: {}, origin });
    return answer as { status: number; body: unknown; headers: Record<string, string> };
  };
  return { call, download };
}

describe('a forced SUCCESS keeps the face image as a natural one does', () => {
  it('serves the enrolled bytes through Get Enroll after a rule-forced SUCCESS with a readable image', async () => {
    const { call, download } = setUp();
    expect((await call(enrollPath, { faceImage: face, userId: 'success.dave', region: 'PHL' })).code).toBe('SUCCESS');
    const urls = (await call(getEnrollPath, { userId: 'success.dave' })).data.imageUrlList as string[];
    expect(urls).toHaveLength(1);
    const got = await download(urls[0]!);
    expect(got.status).toBe(200);
    expect(Buffer.from(got.body as Uint8Array).equals(faceBytes)).toBe(true);
  });

  it('serves the bytes after a Prefer-forced SUCCESS too', async () => {
    const { call, download } = setUp();
    await call(enrollPath, { faceImage: face, userId: 'prefer-1', region: 'PHL' }, { prefer: 'example=SUCCESS' });
    const urls = (await call(getEnrollPath, { userId: 'prefer-1' })).data.imageUrlList as string[];
    expect((await download(urls[0]!)).status).toBe(200);
  });

  it('lists no dead link for a forced SUCCESS without a readable image', async () => {
    const { call } = setUp();
    for (const faceImage of [null, 'bm90IGFuIGltYWdl', 'https://images.example/face.jpg'])
      expect((await call(enrollPath, { faceImage, userId: 'success.noimage', region: 'PHL' })).code).toBe('SUCCESS');
    expect((await call(getEnrollPath, { userId: 'success.noimage' })).data.imageUrlList).toEqual([]);
  });
});
