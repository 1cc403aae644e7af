import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestEnrollCore as createEnrollCore } from '../support/create-test-enroll-core.js';
import { outcomes } from '../../src/core/envelope/outcome-catalog.js';
import { envelopeErrors } from '../support/validate-envelope.js';
import { pngClaiming } from '../support/forge-png.js';
import { envelopeOf } from '../support/envelope-of.js';

// Bounded in npm test; FUZZ_RUNS=100000 for a long run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const documented = new Set(Object.values(outcomes).map((o) => `${o.status} ${o.code} ${o.message}`));
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url));
const token = { 'x-access-token': 't', 'content-type': 'application/json' };

/** Values a careless or hostile client might put anywhere in the body. */
const nasty = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    '=',
    'AAAA',
    'http://',
    'https://127.0.0.1:9/x.jpg',
    'data:image/png;base64,AAAA',
    '\u0000',
    'PHL',
    'XYZ',
  ),
  fc.constantFrom(null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
);
const bodyArb = fc.oneof(
  fc.record({ faceImage: nasty, userId: nasty, region: nasty }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom('faceImage', 'userId', 'region', '__proto__', 'constructor', 'prototype'), nasty),
  fc.jsonValue(),
);

async function check(core: ReturnType<typeof createEnrollCore>, input: Parameters<ReturnType<typeof createEnrollCore>['decide']>[0]) {
  // No time bound here: a decision that hangs fails by the test's own timeout; how fast is the benchmark's figure.
  const decision = envelopeOf(await core.decide(input));
  expect(documented.has(`${decision.status} ${decision.envelope.code} ${decision.envelope.message}`)).toBe(true);
  expect(envelopeErrors(decision.envelope)).toEqual([]);
  expect(Boolean(decision.enrollment)).toBe(decision.outcome === 'SUCCESS');
  return decision;
}

describe('the decision core under arbitrary input', () => {
  it('answers every JSON body with a documented envelope, and enrolls only on SUCCESS', async () => {
    const core = createEnrollCore({ seed: 1, image: { download: { timeoutMs: 300 } } });
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => void (await check(core, { headers: token, bodyText: JSON.stringify(body) }))),
      { numRuns: RUNS },
    );
  });

  it('answers arbitrary bytes and text as the body without throwing', async () => {
    const core = createEnrollCore({ seed: 2 });
    const text = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.uint8Array({ maxLength: 500 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    await fc.assert(
      fc.asyncProperty(text, async (bodyText) => void (await check(core, { headers: token, bodyText }))),
      { numRuns: RUNS },
    );
  });

  it('answers deeply nested and duplicated-key bodies', async () => {
    const core = createEnrollCore({ seed: 3 });
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const duplicate = `{"faceImage": "${face.toString('base64')}", "userId": "a", "userId": "b b", "region": "PHL"}`;
    expect((await check(core, { headers: token, bodyText: deep })).outcome).toBe('PARAMETER_ERROR');
    // JSON.parse keeps the last duplicate, as most servers do: "b b" is not a valid userId.
    expect((await check(core, { headers: token, bodyText: duplicate })).outcome).toBe('PARAMETER_ERROR_USER_ID_INVALID');
    // 20,000 levels of objects: not parsed at all (past MAX_JSON_NESTING), the generic PARAMETER_ERROR at once.
    const tooDeep = '{"a":'.repeat(20000) + '1' + '}'.repeat(20000);
    const answer = await check(core, { headers: token, bodyText: tooDeep });
    expect([answer.outcome, answer.detail]).toEqual(['PARAMETER_ERROR', 'the body nests deeper than 64 levels']);
  });

  it('gives the same outcome and transaction id for the same input and seed', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const text = JSON.stringify(body);
        const a = envelopeOf(await createEnrollCore({ seed: 7 }).decide({ headers: token, bodyText: text }));
        const b = envelopeOf(await createEnrollCore({ seed: 7 }).decide({ headers: token, bodyText: text }));
        expect([b.outcome, b.envelope.transactionId]).toEqual([a.outcome, a.envelope.transactionId]);
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });

  it('never pollutes Object.prototype', async () => {
    const core = createEnrollCore({ seed: 4, rules: [{ match: { userId: { prefix: 'x' } }, outcome: 'ERROR' }] });
    for (const bodyText of ['{"__proto__": {"polluted": 1}, "userId": "x"}', '{"constructor": {"prototype": {"polluted": 1}}}']) {
      await check(core, { headers: { ...token, __proto__: 'x' } as never, bodyText });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the image checks under hostile bytes', () => {
  const core = createEnrollCore({ seed: 5 });
  const enroll = (bytes: Uint8Array) =>
    check(core, { headers: token, body: { faceImage: Buffer.from(bytes).toString('base64'), userId: 'fuzz', region: 'PHL' } });
  // Zero bytes encode to "", which is an empty faceImage.
  const imageErrors = new Set([
    'PARAMETER_ERROR_FACE_IMAGE_EMPTY',
    'PARAMETER_ERROR_CANNOT_DECODE',
    'PARAMETER_ERROR_INVALID_IMAGE_FORMAT',
    'PARAMETER_ERROR_INVALID_IMAGE_SIZE',
    'PARAMETER_ERROR_FILE_LENGTH_ZERO',
    'IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE',
  ]);

  it('answers random bytes behind JPEG and PNG signatures with a documented image error', async () => {
    const magic = fc.constantFrom([0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], []);
    await fc.assert(
      fc.asyncProperty(magic, fc.uint8Array({ maxLength: 4000 }), async (head, rest) => {
        const decision = await enroll(new Uint8Array([...head, ...rest]));
        expect(imageErrors.has(decision.outcome)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers every truncation of a valid JPEG and PNG without throwing', async () => {
    for (const name of ['face.jpg', 'face.png']) {
      const bytes = readFileSync(new URL(`../../fixtures/images/${name}`, import.meta.url));
      for (let cut = 0; cut < bytes.length; cut += Math.max(1, Math.floor(bytes.length / 60))) {
        const decision = await enroll(bytes.subarray(0, cut));
        expect(imageErrors.has(decision.outcome), `${name} cut at ${cut}: ${decision.outcome}`).toBe(true);
      }
    }
  });

  it('answers a PNG that claims 100000x100000 (a decompression bomb) with the size error, without decoding it', async () => {
    // Decoding 10^10 pixels would run out of memory or past the test's timeout; the header alone decides.
    const png = pngClaiming(100_000, 100_000);
    expect((await enroll(png)).outcome).toBe('PARAMETER_ERROR_INVALID_IMAGE_SIZE');
  });
});
