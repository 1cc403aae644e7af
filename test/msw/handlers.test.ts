import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnrollMock,
  createHandlers,
  enrollDelay,
  enrollments,
  enrollNetworkError,
  enrollOutcome,
  handlers,
  journal,
  coverage,
} from '../../mocks/index.js';
import { vendorBaseUrls } from '../../mocks/vendor-base-urls.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { enrollmentWithoutImage } from '../support/enrollment-without-image.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  enrollments.reset();
});
afterAll(() => server.close());

const enroll = (body: unknown, { base = 'https://api.advance.ai', headers = {} as Record<string, string> } = {}) =>
  fetch(`${base}${enrollPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 'tok', ...headers },
    body: JSON.stringify(body),
  });
const codeOf = async (response: Promise<Response>) => (await (await response).json()).code as string;
const good = (userId = 'user-1') => ({ faceImage: face, userId, region: 'PHL' });

describe('handlers', () => {
  it('answers on every vendor host, the regional ones included', async () => {
    for (const [i, base] of vendorBaseUrls.entries()) expect(await codeOf(enroll(good(`host-${i}`), { base }))).toBe('SUCCESS');
    expect(enrollments.count()).toBe(vendorBaseUrls.length);
  });

  it('stores each SUCCESS with the facts of the image', async () => {
    const body = await (await enroll(good('alice'))).json();
    expect(enrollments.faces('alice')).toEqual([
      expect.objectContaining({
        userId: 'alice',
        region: 'PHL',
        format: 'jpeg',
        width: 512,
        height: 512,
        byteSize: Buffer.from(face, 'base64').length,
        transactionId: body.transactionId,
      }),
    ]);
  });

  it('adds a face on re-enroll and keeps the newest 5 per user', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await (await enroll(good('bob'))).json()).transactionId);
    expect(enrollments.faces('bob').map((f) => f.transactionId)).toEqual(ids.slice(2));
    expect(await codeOf(enroll(good('carol')))).toBe('SUCCESS');
    expect(enrollments.count()).toBe(6);
  });

  it('forgets everything on reset, and a seeded store answers reads', async () => {
    await enroll(good('dave'));
    enrollments.reset();
    expect(enrollments.all()).toEqual([]);
    await enrollments.seed([enrollmentWithoutImage('eve', { region: 'IDN', transactionId: 'seeded' })]);
    expect(enrollments.faces('eve')).toHaveLength(1);
  });

  it('does not change the state for any outcome but SUCCESS', async () => {
    await enroll({ ...good('frank'), region: 'XYZ' });
    await enroll({ ...good('error-1') });
    await enroll(good('grace'), { headers: { 'x-access-token': '' } });
    expect(enrollments.all()).toEqual([]);
  });
});

describe('one-test helpers', () => {
  it('enrollOutcome answers the named outcome once, then the regular handlers answer', async () => {
    server.use(enrollOutcome('REGION_WRONG'));
    expect(await codeOf(enroll(good()))).toBe('REGION_WRONG');
    expect(await codeOf(enroll(good()))).toBe('SUCCESS');
  });

  it('enrollOutcome with once: false keeps answering until the handlers are reset', async () => {
    server.use(enrollOutcome('ERROR', { once: false }));
    expect(await codeOf(enroll(good()))).toBe('ERROR');
    expect(await codeOf(enroll(good()))).toBe('ERROR');
    server.resetHandlers();
    expect(await codeOf(enroll(good()))).toBe('SUCCESS');
  });

  it('enrollOutcome("SUCCESS") stores the user it names', async () => {
    server.use(enrollOutcome('SUCCESS'));
    expect(await codeOf(enroll({ faceImage: 'not an image', userId: 'forced', region: 'PHL' }))).toBe('SUCCESS');
    expect(enrollments.faces('forced')).toHaveLength(1);
  });

  it('takes only the spec example names, as a type', () => {
    // @ts-expect-error: "SUCESS" is not an example name in the spec
    expect(() => enrollOutcome('SUCESS')).not.toThrow();
  });

  it('enrollNetworkError makes the next fetch reject, once, journaled and counted as the reset fault', async () => {
    const resets = () => coverage().entries.find((entry) => entry.name === 'reset')!.count;
    const before = resets();
    server.use(enrollNetworkError());
    await expect(enroll(good('network-error'))).rejects.toThrow(TypeError);
    expect(journal.list().requests.at(-1)).toMatchObject({ fault: 'reset', status: 0 });
    expect(resets()).toBe(before + 1);
    expect(await codeOf(enroll(good()))).toBe('SUCCESS');
  });

  it('enrollDelay answers the next enroll late, decided as usual and journaled with the delay in its latency', async () => {
    server.use(enrollDelay(300));
    expect(await codeOf(enroll(good('delayed')))).toBe('SUCCESS');
    expect(journal.list().requests.at(-1)).toMatchObject({ userId: 'delayed', outcome: 'SUCCESS' });
    expect(journal.list().requests.at(-1)!.latencyMs).toBeGreaterThanOrEqual(300);
    expect(await codeOf(enroll(good('not-delayed')))).toBe('SUCCESS');
    expect(journal.list().requests.at(-1)!.latencyMs).toBeLessThan(300);
  });

  it('refuses a delay that is not a number of milliseconds, saying what to pass', () => {
    expect(() => enrollDelay(Number.NaN)).toThrow(/delay\(NaN\).*milliseconds/);
    expect(() => enrollDelay(-1)).toThrow(/0 or more/);
  });
});

describe('createHandlers', () => {
  it('answers on a custom base URL, a proxy path prefix and any origin', async () => {
    const local = setupServer(...createHandlers({ baseUrls: ['http://localhost:3000/api/advance', '*'], rules: false }));
    server.close();
    local.listen({ onUnhandledRequest: 'error' });
    try {
      expect(await codeOf(enroll(good(), { base: 'http://localhost:3000/api/advance' }))).toBe('SUCCESS');
      expect(await codeOf(enroll(good(), { base: 'http://my-proxy.internal' }))).toBe('SUCCESS');
    } finally {
      local.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });

  it('adds fixed or ranged latency to every answer', async () => {
    const mock = createEnrollMock({ delay: [150, 200], seed: 2, baseUrls: ['http://latency.test'] });
    server.use(...mock.handlers);
    const started = performance.now();
    await enroll(good(), { base: 'http://latency.test' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('lets the token be optional', async () => {
    server.use(...createHandlers({ token: 'off', baseUrls: ['http://no-token.test'] }));
    expect(await codeOf(enroll(good(), { base: 'http://no-token.test', headers: { 'x-access-token': '' } }))).toBe('SUCCESS');
    expect(await codeOf(enroll(good(), { headers: { 'x-access-token': '' } }))).toBe('IAM_FAILED');
  });

  it('takes rules as an object and repeats the same ids under the same seed', async () => {
    const ids = async () => {
      const mock = createEnrollMock({
        seed: 11,
        baseUrls: ['http://seeded.test'],
        rules: [{ match: { region: 'IDN' }, outcome: 'ERROR' }],
      });
      server.resetHandlers(...mock.handlers);
      const a = await (await enroll({ ...good(), region: 'IDN' }, { base: 'http://seeded.test' })).json();
      const b = await (await enroll(good(), { base: 'http://seeded.test' })).json();
      return [a.code, b.code, a.transactionId, b.transactionId];
    };
    const first = await ids();
    expect(first.slice(0, 2)).toEqual(['ERROR', 'SUCCESS']);
    expect(await ids()).toEqual(first);
  });

  it('shares one store between mocks when given one', async () => {
    const a = createEnrollMock({ baseUrls: ['http://a.test'], store: enrollments });
    server.use(...a.handlers);
    await enroll(good('shared'), { base: 'http://a.test' });
    expect(enrollments.faces('shared')).toHaveLength(1);
  });

  it('refuses invalid rules at creation with every problem named', () => {
    // @ts-expect-error: an outcome that the spec does not name
    expect(() => createHandlers({ rules: [{ outcome: 'NOPE' }] })).toThrow(
      /createHandlers\(\{ rules \}\): rule 1: `outcome: NOPE` is not one of the names it takes: write one of SUCCESS/,
    );
  });
});

describe('the Node entry', () => {
  it('reads rules from a file path', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { createHandlers: createNodeHandlers } = await import('../../mocks/node.js');
    const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'qa.yaml');
    writeFileSync(file, 'rules:\n  - match: { userId: qa-1 }\n    outcome: PARAMETER_ERROR_CANNOT_DOWNLOAD\n');
    server.use(...createNodeHandlers({ rules: file, baseUrls: ['http://file-rules.test'] }));
    expect(await codeOf(enroll(good('qa-1'), { base: 'http://file-rules.test' }))).toBe('PARAMETER_ERROR');
    expect((await (await enroll(good('qa-1'), { base: 'http://file-rules.test' })).json()).message).toBe('Face image cannot download');
    writeFileSync(file, 'rules:\n  - outcome: NOPE\n');
    expect(() => createNodeHandlers({ rules: file })).toThrow(
      `${file}: rule 1: \`outcome: NOPE\` is not one of the names it takes: write one of SUCCESS`,
    );
  });
});
