import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestEnrollCore as createEnrollCore } from '../../../test/support/create-test-enroll-core.js';
import { outcomeNames } from '../envelope/outcome-catalog.js';
import type { Rule } from '../rules/parse-rules.js';
import { envelopeOf } from '../../../test/support/envelope-of.js';
import { defineLazyString, lazyStringBytes } from '../text/lazy-string.js';
import { defaultRules } from '../../generated/default-rules.js';
import { validateRules } from '../rules/validate-rules.js';

const face = readFileSync(new URL('../../../fixtures/images/face.jpg', import.meta.url));
const faceB64 = face.toString('base64');
const token = { 'X-ACCESS-TOKEN': 't' };
const good = { faceImage: faceB64, userId: 'user-1', region: 'PHL' };
const fixedNow = () => new Date('2026-01-02T03:04:05.000Z');

/** The kit's own fixtures/rules.yaml, as every adapter loads it by default. */
function fixtureRules(): Rule[] {
  const parsed = validateRules(defaultRules);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.rules;
}

describe('createEnrollCore', () => {
  it('enrolls a valid request and describes the stored face', async () => {
    const decision = envelopeOf(await createEnrollCore({ seed: 3, now: fixedNow }).decide({ headers: token, body: good }));
    expect(decision).toMatchObject({ outcome: 'SUCCESS', status: 200, source: 'check', delayMs: 0 });
    expect(decision.enrollment).toEqual({
      userId: 'user-1',
      region: 'PHL',
      imageSha256: sha256Of(face),
      format: 'jpeg',
      width: 512,
      height: 512,
      byteSize: face.length,
      enrolledAt: '2026-01-02T03:04:05.000Z',
      transactionId: decision.envelope.transactionId,
    });
  });

  it('repeats the same transaction ids under the same seed, and others under another', async () => {
    const run = async (seed: number) => {
      const core = createEnrollCore({ seed });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(envelopeOf(await core.decide({ headers: token, body: good })).envelope.transactionId);
      return ids;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(await run(43)).not.toEqual(first);
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('forces every example name through Prefer, over rules and checks', async () => {
    const core = createEnrollCore({ rules: [{ outcome: 'ERROR' }] });
    for (const name of outcomeNames) {
      const decision = envelopeOf(await core.decide({ headers: { Prefer: `example=${name}` }, body: null }));
      expect([decision.outcome, decision.source]).toEqual([name, 'prefer']);
    }
  });

  it('reads the example among other Prefer preferences, quoted or not', async () => {
    const core = createEnrollCore();
    expect((await core.decide({ headers: { prefer: 'code=200, example="ERROR"' }, body: good })).outcome).toBe('ERROR');
    expect((await core.decide({ headers: { prefer: 'dynamic=false; example=IAM_FAILED' }, body: good })).outcome).toBe('IAM_FAILED');
  });

  it('answers an unknown Prefer example with CLIENT_ERROR that suggests the nearest name and lists every valid one', async () => {
    const decide = async (prefer: string) => envelopeOf(await createEnrollCore().decide({ headers: { Prefer: prefer }, body: good }));
    const decision = await decide('example=EROR');
    expect(decision).toMatchObject({ outcome: 'CLIENT_ERROR', status: 400 });
    expect(decision.envelope.extra).toBe(
      `Unknown example "EROR" in the Prefer header: did you mean ERROR? Valid names: ${outcomeNames.join(', ')}`,
    );
    expect((await decide('example=NOTHING_LIKE_IT')).envelope.extra).toBe(
      `Unknown example "NOTHING_LIKE_IT" in the Prefer header: Valid names: ${outcomeNames.join(', ')}`,
    );
  });

  it('reads a Prefer example name without regard to case', async () => {
    const decision = envelopeOf(await createEnrollCore().decide({ headers: { Prefer: 'example=service_busy' }, body: good }));
    expect([decision.outcome, decision.detail]).toEqual(['SERVICE_BUSY', 'forced by Prefer: example=SERVICE_BUSY']);
  });

  it('forces every example name through a rule, before the token and body checks', async () => {
    for (const name of outcomeNames) {
      const core = createEnrollCore({ rules: [{ name: 'r', match: { userId: 'qa' }, outcome: name }] });
      const decision = envelopeOf(await core.decide({ body: { userId: 'qa' } }));
      expect([decision.outcome, decision.source, decision.rule]).toEqual([name, 'rule', 'r']);
    }
  });

  it('takes the first matching rule and falls through to the checks when none matches', async () => {
    const rules: Rule[] = [
      { match: { region: 'IDN' }, outcome: 'ERROR' },
      { match: { userId: { prefix: 'user-' } }, outcome: 'REGION_WRONG' },
      { outcome: 'IAM_FAILED' },
    ];
    const core = createEnrollCore({ rules });
    expect((await core.decide({ headers: token, body: good })).outcome).toBe('REGION_WRONG');
    expect((await core.decide({ headers: token, body: { ...good, region: 'IDN' } })).rule).toBe('#1');
    const none = createEnrollCore({ rules: [{ match: { userId: 'other' }, outcome: 'ERROR' }] });
    expect((await none.decide({ headers: token, body: good })).outcome).toBe('SUCCESS');
  });

  it('matches a rule on the SHA-256 of the decoded base64 image', async () => {
    const rules: Rule[] = [{ match: { faceImageSha256: sha256Of(face) }, outcome: 'IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE' }];
    const core = createEnrollCore({ rules });
    expect((await core.decide({ headers: token, body: good })).outcome).toBe('IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE');
    expect((await core.decide({ headers: token, body: { ...good, faceImage: 'https://x.test/a.jpg' } })).outcome).not.toBe(
      'IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE',
    );
  });

  it('enrolls from an image kept as bytes without ever making its text, past the default rules', async () => {
    // The server keeps a long text as its bytes (lazy-string.ts); a stage reading it as a string would make it.
    const body: Record<string, unknown> = { userId: 'user-1', region: 'PHL' };
    defineLazyString(body, 'faceImage', Buffer.from(faceB64, 'latin1'));
    const decision = envelopeOf(await createEnrollCore({ rules: fixtureRules() }).decide({ headers: token, body }));
    expect(decision.outcome).toBe('SUCCESS');
    expect(decision.enrollment?.imageSha256).toBe(sha256Of(face));
    expect(decision.facts.faceImageLength).toBe(faceB64.length);
    expect(lazyStringBytes(body, 'faceImage')).toBeDefined();
  });

  it('matches a rule on the text of an image kept as bytes, as on any text', async () => {
    const body: Record<string, unknown> = { userId: 'user-1', region: 'PHL' };
    defineLazyString(body, 'faceImage', Buffer.from(faceB64, 'latin1'));
    const rules: Rule[] = [{ match: { faceImage: { prefix: faceB64.slice(0, 12) } }, outcome: 'IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE' }];
    expect((await createEnrollCore({ rules }).decide({ headers: token, body })).outcome).toBe('IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE');
  });

  it('takes a rule with a probability on a seeded share of requests, the same share every run', async () => {
    const run = async () => {
      const core = createEnrollCore({ seed: 9, rules: [{ outcome: 'ERROR', probability: 0.3 }], token: 'off' });
      const out: string[] = [];
      for (let i = 0; i < 200; i++) out.push((await core.decide({ body: { userId: 'x' } })).outcome);
      return out;
    };
    const first = await run();
    const errors = first.filter((o) => o === 'ERROR').length;
    expect(errors).toBeGreaterThan(35);
    expect(errors).toBeLessThan(85);
    expect(await run()).toEqual(first);
  });

  it('adds a rule delay, fixed or drawn from a range, on top of the base latency', async () => {
    const core = createEnrollCore({
      seed: 1,
      delay: 100,
      rules: [
        { match: { userId: 'a' }, outcome: 'ERROR', delay: 50 },
        { outcome: 'ERROR', delay: [200, 300] },
      ],
    });
    expect((await core.decide({ body: { userId: 'a' } })).delayMs).toBe(150);
    const ranged = (await core.decide({ body: { userId: 'b' } })).delayMs;
    expect(ranged).toBeGreaterThanOrEqual(300);
    expect(ranged).toBeLessThanOrEqual(400);
  });

  it('draws base latency from a range', async () => {
    const core = createEnrollCore({ seed: 5, delay: [10, 20] });
    const delays = await Promise.all(Array.from({ length: 20 }, () => core.decide({ headers: token, body: null }).then((d) => d.delayMs)));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...delays)).toBeLessThanOrEqual(20);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('replaces the rules in place (hot reload)', async () => {
    const core = createEnrollCore({ rules: [{ outcome: 'ERROR' }] });
    expect((await core.decide({ headers: token, body: good })).outcome).toBe('ERROR');
    core.setRules([]);
    expect((await core.decide({ headers: token, body: good })).outcome).toBe('SUCCESS');
  });

  it('needs a token unless told otherwise, and asks verifyToken when given', async () => {
    expect((await createEnrollCore().decide({ body: good })).outcome).toBe('IAM_FAILED');
    expect((await createEnrollCore({ token: 'off' }).decide({ body: good })).outcome).toBe('SUCCESS');
    const strict = createEnrollCore({ verifyToken: (t) => t === 'issued' });
    expect((await strict.decide({ headers: { 'x-access-token': 'forged' }, body: good })).outcome).toBe('IAM_FAILED');
    expect((await strict.decide({ headers: { 'x-access-token': 'issued' }, body: good })).outcome).toBe('SUCCESS');
  });

  it('answers REGION_WRONG for a region outside the supported list', async () => {
    const core = createEnrollCore({ regions: ['IDN'] });
    expect((await core.decide({ headers: token, body: good })).outcome).toBe('REGION_WRONG');
    expect((await core.decide({ headers: token, body: { ...good, region: 'IDN' } })).outcome).toBe('SUCCESS');
  });

  it('parses the raw body itself and answers PARAMETER_ERROR when it is not JSON', async () => {
    const core = createEnrollCore();
    expect((await core.decide({ headers: token, bodyText: JSON.stringify(good) })).outcome).toBe('SUCCESS');
    expect((await core.decide({ headers: token, bodyText: '{oops' })).outcome).toBe('PARAMETER_ERROR');
    expect((await core.decide({ headers: token, bodyText: '' })).outcome).toBe('PARAMETER_ERROR');
  });

  it('answers PARAMETER_ERROR for a content type other than JSON, and reads +json and a missing type as JSON', async () => {
    const core = createEnrollCore();
    const text = JSON.stringify(good);
    expect((await core.decide({ headers: { ...token, 'content-type': 'text/plain' }, bodyText: text })).outcome).toBe('PARAMETER_ERROR');
    expect(
      (await core.decide({ headers: { ...token, 'content-type': 'application/x-www-form-urlencoded' }, bodyText: text })).outcome,
    ).toBe('PARAMETER_ERROR');
    expect((await core.decide({ headers: { ...token, 'content-type': 'application/json; charset=utf-8' }, bodyText: text })).outcome).toBe(
      'SUCCESS',
    );
    expect((await core.decide({ headers: { ...token, 'content-type': 'application/vnd.api+json' }, bodyText: text })).outcome).toBe(
      'SUCCESS',
    );
    expect((await core.decide({ headers: token, bodyText: text })).outcome).toBe('SUCCESS');
  });

  it('answers ERROR, without throwing, when something inside the mock fails', async () => {
    const core = createEnrollCore({
      verifyToken: () => {
        throw new Error('token store unavailable');
      },
    });
    const decision = envelopeOf(await core.decide({ headers: token, body: good }));
    expect(decision).toMatchObject({ outcome: 'ERROR', detail: 'internal failure: token store unavailable' });
    expect(decision.enrollment).toBeUndefined();
  });

  it('enrolls on a forced SUCCESS only when the body names a user, and on no other outcome', async () => {
    const core = createEnrollCore({ rules: [{ match: { region: 'IDN' }, outcome: 'SUCCESS' }] });
    expect(envelopeOf(await core.decide({ body: { ...good, region: 'IDN', faceImage: null } })).enrollment).toMatchObject({
      userId: 'user-1',
      format: null,
    });
    expect(envelopeOf(await core.decide({ headers: { prefer: 'example=SUCCESS' }, body: 'x' })).enrollment).toBeUndefined();
    expect(envelopeOf(await core.decide({ headers: { prefer: 'example=ERROR' }, body: good })).enrollment).toBeUndefined();
    expect(envelopeOf(await core.decide({ headers: token, body: { ...good, region: 'XYZ' } })).enrollment).toBeUndefined();
  });

  it('checks an issued token before Prefer and rules, so neither stands in for a credential', async () => {
    const core = createEnrollCore({
      token: 'issued',
      verifyToken: (t) => t === 'good',
      rules: [{ match: { userId: { prefix: 'slow-' } }, outcome: 'SUCCESS' }],
    });
    const prefer = envelopeOf(await core.decide({ headers: { prefer: 'example=SUCCESS' }, body: good }));
    expect([prefer.outcome, prefer.stage, prefer.enrollment]).toEqual(['IAM_FAILED', 'token', undefined]);
    const rule = envelopeOf(await core.decide({ headers: { 'x-access-token': 'forged' }, body: { ...good, userId: 'slow-1' } }));
    expect([rule.outcome, rule.stage]).toEqual(['IAM_FAILED', 'token']);
    expect((await core.decide({ headers: { 'x-access-token': 'good', prefer: 'example=SUCCESS' }, body: good })).stage).toBe('prefer');
  });

  it('stores a forced SUCCESS only with a userId and region a real SUCCESS could have', async () => {
    const core = createEnrollCore();
    const forced = (body: unknown) => core.decide({ headers: { prefer: 'example=SUCCESS' }, body });
    expect(envelopeOf(await forced({ ...good, userId: 'x'.repeat(65) })).enrollment).toBeUndefined();
    expect(envelopeOf(await forced({ ...good, region: 'XYZ' })).enrollment).toBeUndefined();
    expect(envelopeOf(await forced({ ...good, faceImage: null })).enrollment).toMatchObject({ userId: 'user-1', region: 'PHL' });
  });

  it('names the stage that decided and who chose it, a fault header apart from the fault option', async () => {
    const core = createEnrollCore({ fault: 'gateway-502' });
    const byOption = await core.decide({ headers: token, body: good });
    expect([byOption.kind, byOption.stage, byOption.source]).toEqual(['fault', 'fault', 'option']);
    const byHeader = await core.decide({ headers: { ...token, 'x-mock-fault': 'reset' }, body: good });
    expect([byHeader.kind, byHeader.source, byHeader.kind === 'fault' && byHeader.fault]).toEqual(['fault', 'header', 'reset']);
    expect((await createEnrollCore().decide({ headers: token, body: { ...good, region: 'XYZ' } })).stage).toBe('fields');
  });

  it('answers PARAMETER_ERROR for a body nested deeper than it reads, without parsing it', async () => {
    const core = createEnrollCore();
    const deep = `{"faceImage":"x","userId":"u","region":${'['.repeat(20_000)}"PHL"${']'.repeat(20_000)}}`;
    const decision = await core.decide({ headers: token, bodyText: deep });
    expect([decision.outcome, decision.stage, decision.detail]).toEqual([
      'PARAMETER_ERROR',
      'content-type',
      'the body nests deeper than 64 levels',
    ]);
    const huge = await core.decide({ headers: token, bodyText: '['.repeat(8 * 1024 * 1024) });
    expect(huge.detail).toBe('the body nests deeper than 64 levels');
  });

  it('runs the image checks on the body after the field checks', async () => {
    const core = createEnrollCore();
    const decision = envelopeOf(await core.decide({ headers: token, body: { ...good, faceImage: 'R0lGODlh', userId: 'bad user' } }));
    expect(decision.outcome).toBe('PARAMETER_ERROR_USER_ID_INVALID');
  });
});

function sha256Of(bytes: Buffer): string {
  // node:crypto here (test only) checks the core's Web Crypto digest independently.
  return createHash('sha256').update(bytes).digest('hex');
}
