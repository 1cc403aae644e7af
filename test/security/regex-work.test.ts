import { describe, expect, it } from 'vitest';
import { createResponder } from '../../src/responder/create-responder.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { compiledRegexCount, MAX_COMPILED_REGEXES } from '../../src/core/rules/compile-rule-regex.js';

const admin = (responder: ReturnType<typeof createResponder>, path: string, body: unknown) =>
  responder.respond({ method: 'POST', path, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(body) });
const status = (result: Awaited<ReturnType<typeof admin>>) => (result.answer.kind === 'http' ? result.answer.status : 0);
const text = (result: Awaited<ReturnType<typeof admin>>) => (result.answer.kind === 'http' ? String(result.answer.body) : '');

describe('the work of a regex rule is bounded', () => {
  it('refuses a rule whose pattern compiles to a large program (four counted repetitions of 1,000)', async () => {
    const responder = createResponder({ seed: 1, rules: false });
    const refused = await admin(responder, '/__admin/rules', {
      match: { userId: { regex: '[a-z]{1000}[a-z]{1000}[a-z]{1000}[a-z]{1000}1' } },
      outcome: 'ERROR',
    });
    expect(status(refused)).toBe(400);
    expect(text(refused)).toContain('over 1000');
    // One counted repetition of 1,000 is still a pattern a tester may write.
    expect(status(await admin(responder, '/__admin/rules', { match: { userId: { regex: '[a-z]{999}1' } }, outcome: 'ERROR' }))).toBe(201);
  });

  it('never runs a regex over a value longer than any the vendor accepts: a 200 KB userId is not matched', async () => {
    const responder = createResponder({ seed: 1, rules: false });
    expect(status(await admin(responder, '/__admin/rules', { match: { userId: { regex: '[a-z]' } }, outcome: 'ERROR' }))).toBe(201);
    await admin(responder, enrollPath, { userId: 'a'.repeat(200_000), region: 'PHL' });
    expect(responder.journal.list().requests.at(-1)).toMatchObject({ source: 'check' });
    await admin(responder, enrollPath, { userId: 'a', region: 'PHL' });
    expect(responder.journal.list().requests.at(-1)).toMatchObject({ source: 'rule', outcome: 'ERROR' });
  });

  it('keeps the compiled-regex cache at its bound after 1,000 distinct patterns to /__admin/requests/count', async () => {
    const responder = createResponder({ seed: 1, rules: false });
    await admin(responder, enrollPath, { userId: 'someone', region: 'PHL' });
    for (let i = 0; i < 1000; i++) {
      expect(status(await admin(responder, '/__admin/requests/count', { userId: { regex: `^someone${i}|x{${i % 900}}` } }))).toBe(200);
    }
    expect(compiledRegexCount()).toBeLessThanOrEqual(MAX_COMPILED_REGEXES);
  });
});
