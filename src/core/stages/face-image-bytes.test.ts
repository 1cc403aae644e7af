import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestEnrollCore as createEnrollCore } from '../../../test/support/create-test-enroll-core.js';
import type { Rule } from '../rules/parse-rules.js';
import { envelopeOf } from '../../../test/support/envelope-of.js';

// Every decode of a base64 text goes through this module: the spy counts them, the real decoder answers.
const decodes = vi.hoisted(() => ({ count: 0 }));
vi.mock('../image/decode-base64.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../image/decode-base64.js')>();
  return {
    ...actual,
    decodeBase64: (text: string) => {
      decodes.count++;
      return actual.decodeBase64(text);
    },
  };
});

const face = readFileSync(new URL('../../../fixtures/images/face.jpg', import.meta.url));
const faceSha = createHash('sha256').update(face).digest('hex');
const good = { faceImage: face.toString('base64'), userId: 'user-1', region: 'PHL' };
const token = { 'X-ACCESS-TOKEN': 't' };

function coreWith(rules: Rule[]) {
  const hashed: number[] = [];
  const core = createEnrollCore({
    rules,
    digest: (bytes) => {
      hashed.push(bytes.length);
      return createHash('sha256').update(bytes).digest('hex');
    },
  });
  return { core, hashed };
}

describe('the face image on the Save Enroll path', () => {
  beforeEach(() => {
    decodes.count = 0;
  });

  it('is decoded once and hashed once when a rule on faceImageSha256 was read before the checks enrolled it', async () => {
    const { core, hashed } = coreWith([{ match: { faceImageSha256: 'f'.repeat(64) }, outcome: 'ERROR' }]);
    const decision = envelopeOf(await core.decide({ headers: token, body: good }));
    expect(decision.outcome).toBe('SUCCESS');
    expect(decision.enrollment?.imageSha256).toBe(faceSha);
    expect(decodes.count).toBe(1);
    expect(hashed).toEqual([face.length]);
  });

  it('is decoded once and hashed once for the store when no rule asks for its digest', async () => {
    const { core, hashed } = coreWith([]);
    const decision = envelopeOf(await core.decide({ headers: token, body: good }));
    expect(decision.enrollment?.imageSha256).toBe(faceSha);
    expect(decodes.count).toBe(1);
    expect(hashed).toEqual([face.length]);
  });

  it('is decoded once and hashed once when a rule matching its digest forces a SUCCESS that keeps the picture', async () => {
    const { core, hashed } = coreWith([{ match: { faceImageSha256: faceSha }, outcome: 'SUCCESS' }]);
    const decision = envelopeOf(await core.decide({ headers: token, body: good }));
    expect(decision).toMatchObject({ outcome: 'SUCCESS', source: 'rule' });
    expect(decision.enrollment?.imageSha256).toBe(faceSha);
    expect(decodes.count).toBe(1);
    expect(hashed).toEqual([face.length]);
  });

  it('is neither decoded nor hashed when the request is refused before the image is read', async () => {
    const { core, hashed } = coreWith([{ match: { userId: 'someone-else' }, outcome: 'ERROR' }]);
    const decision = envelopeOf(await core.decide({ headers: {}, body: good }));
    expect(decision.outcome).toBe('IAM_FAILED');
    expect(decodes.count).toBe(0);
    expect(hashed).toEqual([]);
  });
});
