import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEnrollMock } from '../../mocks/index.js';
import type { Rule } from '../../src/core/rules/parse-rules.js';
import { enrollPath, tokenOutcomeNames, tokenPath } from '../../src/generated/outcomes.js';
import { createResponder } from '../../src/responder/create-responder.js';
import type { CoverageReport } from '../../src/responder/create-coverage.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import type { JournalEntry } from '../../src/state/create-journal.js';
import { freePort } from '../support/free-port.js';
import { redisSkipReason, startRedis, type RunningRedis } from '../support/redis-server.js';

/**
 * Fixture rules on generate-token (`operation: generateToken`), driven the same way through the responder, the
 * server (HTTP on loopback, runtime rules over /__admin/rules; in memory, and on Redis when it is installed) and
 * MSW (mock.rules): the file's rules given as an option, the runtime ones added by each adapter's own way.
 */
const fileRules = [
  { name: 'off-keys', operation: 'generateToken', match: { accessKey: { prefix: 'qa-off-' } }, outcome: 'ACCOUNT_DISABLED' },
  // Enroll rules that would match any request of their kind: a headers-only one, and one with no match at all.
  { name: 'header-enrolls', match: { headers: { 'x-case': 'region' } }, outcome: 'REGION_WRONG' },
  { name: 'every-enroll', outcome: 'ERROR' },
] satisfies Rule[];

const SEED = 5;
const TOKEN_SEQUENCE = {
  operation: 'generateToken',
  match: { accessKey: 'seq-key' },
  sequence: ['SERVICE_BUSY', 'reset', 'ACCOUNT_DISABLED'],
};

/** What each adapter is asked: send a request (its envelope's code, or `no answer`), add a runtime rule, read its records. */
interface Target {
  send(path: string, body: string, headers?: Record<string, string>): Promise<string>;
  add(rule: unknown): Promise<{ ok: true } | { ok: false; errors: string[] }>;
  journal(): Promise<readonly JournalEntry[]>;
  coverage(): Promise<CoverageReport>;
  reset(): Promise<void>;
}

async function signedBody(accessKey: string, secretKey = 'test-secret-key') {
  const timestamp = String(Date.now());
  const bytes = new TextEncoder().encode(accessKey + secretKey + timestamp);
  const signature = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  return JSON.stringify({ accessKey, timestamp, signature });
}
const enrollBody = (userId: string) => JSON.stringify({ faceImage: 'https://images.test/face.jpg', userId, region: 'PHL' });

/** A rule's errors without the adapter's own source prefix (`POST /__admin/rules: `, `mock.rules.add(): `). */
const withoutSource = (errors: string[]) => errors.map((error) => error.replace(/^.*?: rule 1/, 'rule 1'));

async function fetchCode(url: string, body: string, headers: Record<string, string>): Promise<string> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return ((await response.json()) as { code: string }).code;
  } catch {
    return 'no answer'; // a reset: fetch failed (ECONNRESET from a socket, MSW's network error)
  }
}

let server: MockServer;
let serverOrigin: string;
const redisSkip = redisSkipReason();
let redis: RunningRedis | undefined;
let redisServer: MockServer;
let redisOrigin: string;
let mswOrigin: string;
let mock: ReturnType<typeof createEnrollMock>;
let msw: ReturnType<typeof setupServer>;
const responder = createResponder({ seed: SEED, rules: fileRules });
const responderRules = responder.rules.sync(responder.state.rules);

beforeAll(async () => {
  server = await createMockServer({ seed: SEED, rules: fileRules });
  serverOrigin = await server.listen(0, '127.0.0.1');
  mswOrigin = `http://127.0.0.1:${await freePort()}`;
  mock = createEnrollMock({ baseUrls: [mswOrigin], seed: SEED, rules: fileRules });
  msw = setupServer(...mock.handlers);
  // The server's loopback requests are not the mock's base URL: MSW lets them through.
  msw.listen({ onUnhandledRequest: 'bypass' });
  if (redisSkip) return;
  redis = await startRedis();
  redisServer = await createMockServer({ seed: SEED, rules: fileRules, storeUrl: redis.url });
  redisOrigin = await redisServer.listen(0, '127.0.0.1');
}, 60_000);
afterAll(async () => {
  msw.close();
  await server.close();
  await redisServer?.close();
  await redis?.stop();
});

/** A server over HTTP on loopback: runtime rules over /__admin/rules, its own journal and coverage. */
const overHttp = (origin: () => string, mockServer: () => MockServer): Target => ({
  send: (path, body, headers = {}) => fetchCode(origin() + path, body, headers),
  async add(rule) {
    const response = await fetch(`${origin()}/__admin/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    return response.status === 201 ? { ok: true } : { ok: false, errors: ((await response.json()) as { errors: string[] }).errors };
  },
  journal: async () => (await mockServer().journal.list()).requests,
  coverage: async () => (await fetch(`${origin()}/__admin/coverage?operation=generateToken`)).json() as Promise<CoverageReport>,
  reset: async () => void (await fetch(`${origin()}/__admin/reset`, { method: 'POST' })),
});

const targets: Array<[string, () => Target]> = [
  [
    'the responder',
    () => ({
      async send(path, bodyText, headers = {}) {
        const { answer } = await responder.respond({
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', ...headers },
          bodyText,
        });
        return answer.kind === 'http' ? (JSON.parse(String(answer.body)) as { code: string }).code : 'no answer';
      },
      add: async (rule) => {
        const added = responderRules.tryAdd(rule, 'responder');
        return added.ok ? { ok: true } : added;
      },
      journal: async () => responder.journal.list().requests,
      coverage: async () => responder.coverage.report('generateToken'),
      reset: async () => {
        responder.state.rules.reset();
        responder.journal.clear();
        responder.coverage.reset();
      },
    }),
  ],
  [
    'the server (HTTP on loopback)',
    () =>
      overHttp(
        () => serverOrigin,
        () => server,
      ),
  ],
  // Rules and their hit counts in the shared store (a sequence advances in Redis), when redis-server is installed.
  ...(redisSkip
    ? []
    : [
        [
          'the server on Redis',
          () =>
            overHttp(
              () => redisOrigin,
              () => redisServer,
            ),
        ] as [string, () => Target],
      ]),
  [
    'MSW in Node',
    () => ({
      send: (path, body, headers = {}) => fetchCode(mswOrigin + path, body, headers),
      async add(rule) {
        try {
          mock.rules.add(rule as Rule);
          return { ok: true };
        } catch (error) {
          return {
            ok: false,
            errors: String((error as Error).message)
              .split('\n  ')
              .slice(1),
          };
        }
      },
      journal: async () => mock.journal.list().requests,
      coverage: async () => {
        const report = mock.coverage();
        return { ...report, entries: report.entries.filter((entry) => entry.operation === 'generateToken') };
      },
      reset: async () => {
        mock.rules.clear();
        mock.responder.state.rules.reset();
        mock.journal.clear();
        mock.responder.coverage.reset();
      },
    }),
  ],
];

describe.each(targets)('token rules through %s', (_name, targetOf) => {
  let target: Target;
  beforeEach(async () => {
    target = targetOf();
    await target.reset();
  });

  it('answers ACCOUNT_DISABLED by accessKey prefix from a file rule, before the signature is checked, and journals only the accessKey', async () => {
    const body = await signedBody('qa-off-7', 'any-secret');
    expect(await target.send(tokenPath, body)).toBe('ACCOUNT_DISABLED');
    expect(await target.send(tokenPath, await signedBody('test-access-key'))).toBe('SUCCESS');
    const [ruled, checked] = (await target.journal()).filter((entry) => entry.operation === 'generateToken');
    expect(ruled).toMatchObject({ outcome: 'ACCOUNT_DISABLED', stage: 'rules', source: 'rule', rule: 'off-keys', accessKey: 'qa-off-7' });
    expect(checked).toMatchObject({ outcome: 'SUCCESS', stage: 'success', accessKey: 'test-access-key' });
    expect(JSON.stringify(ruled)).not.toContain(JSON.parse(body).signature);
  });

  it('counts the outcome a token rule answered in coverage, under generateToken', async () => {
    await target.send(tokenPath, await signedBody('qa-off-1'));
    await target.send(tokenPath, await signedBody('qa-off-2'));
    const counted = (await target.coverage()).entries.filter((entry) => entry.count > 0);
    expect(counted).toEqual([{ operation: 'generateToken', name: 'ACCOUNT_DISABLED', kind: 'outcome', count: 2 }]);
  });

  it('answers a runtime token rule’s sequence item by item, a fault included, then lets the checks decide', async () => {
    expect(await target.add(TOKEN_SEQUENCE)).toEqual({ ok: true });
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push(await target.send(tokenPath, await signedBody('seq-key')));
    // The fourth: the rule is used up, and seq-key is no configured key.
    expect(codes).toEqual(['SERVICE_BUSY', 'no answer', 'ACCOUNT_DISABLED', 'PARAMETER_ERROR']);
  });

  it('never tries an enroll rule on a token request, nor a token rule on an enroll', async () => {
    expect(await target.add({ name: 'runtime-every-enroll', match: { headers: { 'x-case': 'any' } }, outcome: 'IAM_FAILED' })).toEqual({
      ok: true,
    });
    expect(await target.add({ name: 'every-token', operation: 'generateToken', outcome: 'PARAMETER_ERROR_TIMESTAMP' })).toEqual({
      ok: true,
    });
    const tokenHeaders = { 'x-case': 'region' };
    expect(await target.send(enrollPath, enrollBody('someone'), { 'x-access-token': 't', 'x-case': 'any' })).toBe('IAM_FAILED');
    expect(await target.send(tokenPath, await signedBody('test-access-key'), tokenHeaders)).toBe('PARAMETER_ERROR');
    const [enroll, token] = await target.journal();
    expect([enroll?.rule, token?.rule, token?.outcome]).toEqual(['runtime-every-enroll', 'every-token', 'PARAMETER_ERROR_TIMESTAMP']);
  });

  it('answers a token request by the checks when only enroll rules match everything', async () => {
    // every-enroll (no match) and header-enrolls (x-case: region) are file rules of Save Enroll.
    expect(await target.send(tokenPath, await signedBody('test-access-key'), { 'x-case': 'region' })).toBe('SUCCESS');
    expect(await target.send(enrollPath, enrollBody('someone'), { 'x-access-token': 't' })).toBe('ERROR');
  });

  it('refuses a runtime rule with an enroll field on a token rule, a token outcome on an enroll rule, or an unknown operation', async () => {
    const refused = async (rule: unknown) => {
      const added = await target.add(rule);
      return added.ok ? [] : withoutSource(added.errors);
    };
    expect(await refused({ operation: 'generateToken', match: { userId: 'alice' }, outcome: 'SUCCESS' })).toEqual([
      'rule 1: `match.userId` is not a field a generateToken rule matches: it matches accessKey, headers; `userId` is matched by `operation: saveEnroll` rules',
    ]);
    expect(await refused({ match: { userId: 'alice' }, outcome: 'ACCOUNT_DISABLED' })).toEqual([
      expect.stringMatching(
        /^rule 1: `outcome: ACCOUNT_DISABLED` is not one of the names a rule without `operation` \(a saveEnroll rule\) takes: write one of SUCCESS, REGION_WRONG, .*; ACCOUNT_DISABLED is a generateToken outcome \(write `operation: generateToken`\)$/,
      ),
    ]);
    expect(await refused({ operation: 'getResult', outcome: 'SUCCESS' })).toEqual([
      "rule 1: `operation: getResult` is not an operation rules answer: write one of saveEnroll, generateToken (the spec's operationId; none: saveEnroll)",
    ]);
    expect(await target.send(tokenPath, await signedBody('test-access-key'))).toBe('SUCCESS');
  });
});

describe('token rules in the responder', () => {
  const post = async (r: ReturnType<typeof createResponder>, accessKey: string) => {
    const { log } = await r.respond({ method: 'POST', path: tokenPath, headers: {}, bodyText: await signedBody(accessKey) });
    return log?.outcome;
  };

  it('stops matching a token rule after `times`, and skips it when its probability draws no', async () => {
    const r = createResponder({
      seed: SEED,
      rules: [
        { operation: 'generateToken', match: { accessKey: 'test-access-key' }, outcome: 'SERVICE_BUSY', probability: 0 },
        { operation: 'generateToken', match: { accessKey: 'test-access-key' }, outcome: 'ACCOUNT_DISABLED', times: 1 },
      ],
    });
    expect([await post(r, 'test-access-key'), await post(r, 'test-access-key')]).toEqual(['ACCOUNT_DISABLED', 'SUCCESS']);
  });

  it('answers every outcome of the token catalog a rule names, with the example of that catalog', async () => {
    const rules = tokenOutcomeNames.map((name) => ({
      operation: 'generateToken' as const,
      match: { accessKey: `${name}.key` },
      outcome: name,
    }));
    const r = createResponder({ seed: SEED, rules });
    const answered: string[] = [];
    for (const name of tokenOutcomeNames) answered.push((await post(r, `${name}.key`))!);
    expect(answered).toEqual([...tokenOutcomeNames]);
  });
});

describe('verification of token requests by accessKey (POST /__admin/requests/count)', () => {
  const count = async (pattern: unknown) => {
    const response = await fetch(`${serverOrigin}/__admin/requests/count`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(pattern),
    });
    return { status: response.status, body: (await response.json()) as { count?: number; errors?: string[] } };
  };

  it('counts the journaled token requests whose accessKey matches, and explains a bad accessKey matcher', async () => {
    await fetch(`${serverOrigin}/__admin/reset`, { method: 'POST' });
    const target = overHttp(
      () => serverOrigin,
      () => server,
    );
    for (const key of ['qa-off-1', 'qa-off-2', 'test-access-key']) await target.send(tokenPath, await signedBody(key));
    expect(await count({ operation: 'generateToken', accessKey: { prefix: 'qa-off-' }, outcome: 'ACCOUNT_DISABLED' })).toEqual({
      status: 200,
      body: { count: 2 },
    });
    expect((await count({ accessKey: 'test-access-key' })).body).toEqual({ count: 1 });
    expect(await count({ accessKey: { prefix: 7 } })).toEqual({
      status: 400,
      body: { errors: ['POST /__admin/requests/count: `accessKey.prefix` must be text, got number `7`'] },
    });
  });
});
