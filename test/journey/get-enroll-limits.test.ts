import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_FACES_PER_USER } from '../../src/state/enrollment-store.js';
import { createResponder } from '../../src/responder/create-responder.js';
import { enrollPath, getEnrollPath } from '../../src/generated/outcomes.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');

describe('get-enroll lists at most five faces (docs/vendor-api.md#get-enroll)', () => {
  it('keeps the newest five of six enrolls, dropping the oldest with its URL', async () => {
    const responder = createResponder({ seed: 8 });
    const call = async (path: string, body: unknown) => {
      const { answer } = await responder.respond({
        method: 'POST',
        path,
        headers: { 'x-access-token': 't' },
        bodyText: JSON.stringify(body),
        origin: 'http://127.0.0.1:4010',
      });
      return JSON.parse((answer as { body: string }).body) as { code: string; transactionId: string; data: any };
    };
    const enrolled: string[] = [];
    for (let i = 0; i < 6; i++)
      enrolled.push((await call(enrollPath, { faceImage: face, userId: 'six-faces', region: 'PHL' })).transactionId);
    const { data } = await call(getEnrollPath, { userId: 'six-faces' });
    expect(MAX_FACES_PER_USER).toBe(5);
    // Each URL names its face's enroll transaction: the newest five, oldest first.
    expect((data.imageUrlList as string[]).map((url) => url.split('/')[5])).toEqual(enrolled.slice(1));
  });
});
