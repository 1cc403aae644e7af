import { describe, expect, it } from 'vitest';
import { matchString, ruleMatches, type RuleSubject } from './match-rules.js';

const subject = (over: Partial<RuleSubject> = {}): RuleSubject => ({
  userId: 'qa-user-7',
  region: 'PHL',
  faceImage: 'https://cdn.test/a.jpg',
  faceImageKind: 'url',
  faceImageSha256: async () => null,
  headers: { 'x-team': 'payments' },
  ...over,
});

describe('matchString', () => {
  const cases: Array<[string, Parameters<typeof matchString>[0], string, boolean]> = [
    ['a plain string matches exactly', 'abc', 'abc', true],
    ['a plain string does not match a longer value', 'abc', 'abcd', false],
    ['equals matches exactly', { equals: 'abc' }, 'abc', true],
    ['prefix matches the start', { prefix: 'qa-' }, 'qa-1', true],
    ['prefix does not match the middle', { prefix: 'qa-' }, 'x-qa-1', false],
    ['suffix matches the end', { suffix: '.png' }, 'a.png', true],
    ['contains matches anywhere', { contains: 'user' }, 'qa-user-1', true],
    ['regex matches by RegExp.test', { regex: '^u-\\d+$' }, 'u-12', true],
    ['regex matches anywhere in the value unless anchored', { regex: 'u-\\d' }, 'x-u-1-y', true],
    ['regex takes JavaScript named groups', { regex: '^(?<team>qa)-' }, 'qa-1', true],
    ['regex does not match otherwise', { regex: '^u-\\d+$' }, 'u-x', false],
  ];
  for (const [name, matcher, value, want] of cases) it(name, async () => expect(await matchString(matcher, value)).toBe(want));

  it('answers a catastrophic-backtracking pattern in linear time', async () => {
    // The attack run's pattern: on a backtracking engine, 31 characters of faceImage held the event loop 20 s, and
    // the second pattern on 5,001 characters would not end this century: either would outlast this test's timeout.
    // No clock is read: how fast is a figure, not a behaviour.
    expect(await matchString({ regex: '^(a+)+$' }, 'a'.repeat(30) + '!')).toBe(false);
    expect(await matchString({ regex: '^(a|aa)+$' }, 'a'.repeat(5000) + '!')).toBe(false);
  });

  it('never matches a value that is not a string', async () => {
    expect(await matchString({ regex: '.*' }, 12)).toBe(false);
    expect(await matchString('12', 12)).toBe(false);
  });
});

describe('ruleMatches', () => {
  it('matches every request when the rule has no match', async () => {
    expect(await ruleMatches({ outcome: 'ERROR' }, subject())).toBe(true);
  });

  it('needs every named field to match', async () => {
    const rule = { outcome: 'ERROR' as const, match: { userId: { prefix: 'qa-' }, region: 'IDN' } };
    expect(await ruleMatches(rule, subject())).toBe(false);
    expect(await ruleMatches(rule, subject({ region: 'IDN' }))).toBe(true);
  });

  it("matches generate-token's accessKey, and never a subject without one", async () => {
    const rule = { operation: 'generateToken' as const, outcome: 'ACCOUNT_DISABLED' as const, match: { accessKey: { prefix: 'off-' } } };
    expect(await ruleMatches(rule, { accessKey: 'off-7', headers: {} })).toBe(true);
    expect(await ruleMatches(rule, { accessKey: 'on-7', headers: {} })).toBe(false);
    expect(await ruleMatches(rule, subject())).toBe(false);
  });

  it('matches header names in any case', async () => {
    const rule = { outcome: 'ERROR' as const, match: { headers: { 'X-Team': 'payments' } } };
    expect(await ruleMatches(rule, subject())).toBe(true);
    expect(await ruleMatches(rule, subject({ headers: {} }))).toBe(false);
  });

  it('matches the faceImage kind and text', async () => {
    expect(await ruleMatches({ outcome: 'ERROR', match: { faceImageKind: 'url', faceImage: { suffix: '.jpg' } } }, subject())).toBe(true);
    expect(await ruleMatches({ outcome: 'ERROR', match: { faceImageKind: 'base64' } }, subject())).toBe(false);
  });

  it('computes the image digest only when a rule asks for it', async () => {
    let computed = 0;
    const s = subject({ faceImageSha256: async () => (computed++, 'ab'.repeat(32)) });
    await ruleMatches({ outcome: 'ERROR', match: { userId: 'nobody', faceImageSha256: 'ab'.repeat(32) } }, s);
    expect(computed).toBe(0);
    expect(await ruleMatches({ outcome: 'ERROR', match: { faceImageSha256: 'ab'.repeat(32) } }, s)).toBe(true);
    expect(computed).toBe(1);
  });
});
