import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCoverage, createEnrollMock } from '../../mocks/index.js';
import { enrollPath } from '../../src/generated/outcomes.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const BASE = 'https://qa.msw.test';
const mock = createEnrollMock({ baseUrls: [BASE], seed: 4, traceHeader: true });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const enroll = async (userId: string) => {
  const response = await fetch(BASE + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body: JSON.stringify({ faceImage: face, userId, region: 'PHL' }),
  });
  return {
    status: response.status,
    decision: response.headers.get('x-mock-decision'),
    code: ((await response.json()) as { code: string }).code,
  };
};

describe('QA through the MSW mock object', () => {
  it('adds runtime rules with times and sequences, lists them with hit counts, and removes them', async () => {
    const twice = mock.rules.add({ name: 'twice', match: { userId: 'msw-twice' }, outcome: 'ERROR', times: 2 });
    mock.rules.add({ match: { userId: 'msw-seq' }, sequence: ['IAM_FAILED', 'REGION_WRONG'] });
    const codes = async (userId: string, n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push((await enroll(userId)).code);
      return out;
    };
    expect(await codes('msw-twice', 3)).toEqual(['ERROR', 'ERROR', 'SUCCESS']);
    expect(await codes('msw-seq', 3)).toEqual(['IAM_FAILED', 'REGION_WRONG', 'SUCCESS']);
    expect(
      mock.rules
        .list()
        .filter((r) => r.origin === 'runtime')
        .map((r) => [r.label, r.hits]),
    ).toEqual([
      ['runtime rt-2', 2],
      ['twice', 2],
    ]);
    expect(mock.rules.remove(twice.id)).toBe(true);
    mock.rules.clear();
    expect(mock.rules.list().every((r) => r.origin === 'file')).toBe(true);
  });

  it('refuses an invalid rule with the messages a rules file gets', () => {
    // @ts-expect-error: an outcome the spec does not name
    expect(() => mock.rules.add({ outcome: 'SUCESS' })).toThrow(
      /mock\.rules\.add\(\): rule 1: `outcome: SUCESS` is not one of the names it takes: did you mean `SUCCESS`\?/,
    );
  });

  it('keeps the journal a Node test can assert on, and the trace header', async () => {
    const answer = await enroll('error-msw');
    expect(answer.decision).toBe('stage=rules; source=rule; rule=server-error-users; outcome=ERROR');
    expect(mock.journal.list().requests.at(-1)).toMatchObject({ userId: 'error-msw', outcome: 'ERROR', rule: 'server-error-users' });
  });

  it('reports coverage, and assertCoverage fails naming what the tests never saw', async () => {
    await enroll('service_busy.msw');
    const report = mock.coverage();
    expect(report.entries.find((e) => e.name === 'SERVICE_BUSY')?.count).toBe(1);
    expect(() => assertCoverage(report, ['SERVICE_BUSY'])).not.toThrow();
    expect(() => assertCoverage(report, ['SERVICE_BUSY', 'gateway-504'])).toThrow(/your tests never saw gateway-504:\n/);
    expect(() => assertCoverage(report, ['NOPE'])).toThrow(/unknown outcome or fault NOPE;/);
    expect(() => assertCoverage(report, ['IAM_FAILD'])).toThrow(
      /unknown outcome or fault IAM_FAILD \(did you mean IAM_FAILED\?\); known: /,
    );
    // A name differing only by case is the name.
    expect(() => assertCoverage(report, ['service_busy'])).not.toThrow();
    expect(() => assertCoverage(report, ['Gateway-504'])).toThrow(/your tests never saw gateway-504:\n/);
  });
});
