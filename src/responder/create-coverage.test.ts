import { describe, expect, it } from 'vitest';
import { enrollPath, getEnrollPath, tokenPath } from '../generated/outcomes.js';
import { assertCoverage } from './create-coverage.js';
import { createResponder } from './create-responder.js';

const post = (path: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', 'x-access-token': 't', ...headers },
  bodyText: JSON.stringify({ userId: 'bob' }),
});
const json = (answer: unknown) => JSON.parse(String((answer as { body: string }).body));

describe('coverage per operation', () => {
  it('counts each answer under its operation, and filters by ?operation=', async () => {
    const responder = createResponder({ seed: 2, rules: false });
    await responder.respond(post(getEnrollPath));
    await responder.respond(post(tokenPath, { prefer: 'example=ACCOUNT_DISABLED' }));
    await responder.respond(post(enrollPath, { 'x-mock-fault': 'gateway-502' }));
    const seen = responder.coverage.report().entries.filter((e) => e.count > 0);
    expect(seen).toEqual([
      { operation: 'saveEnroll', name: 'gateway-502', kind: 'fault', count: 1 },
      { operation: 'generateToken', name: 'ACCOUNT_DISABLED', kind: 'outcome', count: 1 },
      { operation: 'getEnroll', name: 'SUCCESS', kind: 'outcome', count: 1 },
    ]);
    const filtered = await responder.respond({ method: 'GET', path: '/__admin/coverage', query: '?operation=getEnroll' });
    expect(json(filtered.answer)).toMatchObject({ total: 1 });
    expect(json(filtered.answer).entries.every((e: { operation: string }) => e.operation === 'getEnroll')).toBe(true);
    const typo = await responder.respond({ method: 'GET', path: '/__admin/coverage', query: '?operation=getEnrol' });
    expect(typo.answer).toMatchObject({ status: 400 });
    expect(json(typo.answer).errors[0]).toContain('did you mean `getEnroll`?');
  });

  it('takes operation:NAME where a bare name stands for every operation documenting it', async () => {
    const responder = createResponder({ seed: 2, rules: false });
    await responder.respond(post(getEnrollPath));
    const report = responder.coverage.report();
    expect(() => assertCoverage(report, ['getEnroll:SUCCESS', 'SUCCESS'])).not.toThrow();
    expect(() => assertCoverage(report, ['saveEnroll:SUCCESS'])).toThrow(/your tests never saw saveEnroll:SUCCESS:\n/);
    expect(() => assertCoverage(report, ['getEnroll:NOPE'])).toThrow(/unknown outcome or fault getEnroll:NOPE/);
  });
});

describe('the journal filters', () => {
  it('finds entries by ?operation= and by the transactionId a client saw', async () => {
    const responder = createResponder({ seed: 2, rules: false });
    await responder.respond(post(enrollPath));
    const { answer } = await responder.respond(post(getEnrollPath));
    const { transactionId } = json(answer);
    const list = async (query: string) =>
      json((await responder.respond({ method: 'GET', path: '/__admin/requests', query })).answer).requests as Array<{ path: string }>;
    expect((await list('?operation=getEnroll')).map((e) => e.path)).toEqual([getEnrollPath]);
    expect((await list(`?transactionId=${transactionId}`)).map((e) => e.path)).toEqual([getEnrollPath]);
    const count = await responder.respond({
      method: 'POST',
      path: '/__admin/requests/count',
      bodyText: JSON.stringify({ operation: 'saveEnroll' }),
    });
    expect(json(count.answer)).toEqual({ count: 1 });
    const typo = await responder.respond({ method: 'GET', path: '/__admin/requests', query: '?operaton=getEnroll' });
    expect(json(typo.answer).errors[0]).toContain('did you mean `operation`?');
  });
});
