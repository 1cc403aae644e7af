import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath, generateUrlPath, getEnrollPath, getResultPath, tokenPath } from '../../src/generated/outcomes.js';
import { redisSkipReason, startRedis, type RunningRedis } from '../support/redis-server.js';
import { startCli, type RunningCli } from '../support/start-cli.js';

// Two server processes (the built CLI) on one Debian redis-server: what replicas behind a load balancer share.
const skipReason = redisSkipReason();
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const SIGNING_KEY = 'replica-test-signing-key-0123456789';

let redis: RunningRedis;
let a: RunningCli;
let b: RunningCli;

const replica = (extra: string[] = []) =>
  startCli(['--store', redis.url, '--signing-key', SIGNING_KEY, '--rules', 'none', '--token', 'issued', '--seed', '7', ...extra]);

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { code?: string; transactionId?: string } };
}

async function tokenFrom(base: string): Promise<string> {
  const timestamp = String(Date.now());
  const signature = createHash('sha256').update(`test-access-keytest-secret-key${timestamp}`).digest('hex');
  const { body } = await post(base, tokenPath, { accessKey: 'test-access-key', timestamp, signature });
  expect(body.code).toBe('SUCCESS');
  return (body.data as { token: string }).token;
}

const admin = async (base: string, path: string, headers: Record<string, string> = {}, method = 'GET') => {
  const response = await fetch(base + path, { method, headers });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};

beforeAll(async () => {
  if (skipReason) return;
  redis = await startRedis();
  [a, b] = await Promise.all([replica(), replica()]);
}, 60_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await redis?.stop();
});

describe('two replicas on one Redis (--store redis://)', () => {
  it('accepts on one replica a token the other issued (--signing-key), and draws different transaction ids with the same --seed', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const token = await tokenFrom(a.url);
    const onB = await post(b.url, enrollPath, { faceImage: face, userId: 'token-user', region: 'PHL' }, { 'x-access-token': token });
    expect(onB.body.code).toBe('SUCCESS');
    const onA = await post(a.url, enrollPath, { faceImage: face, userId: 'token-user', region: 'PHL' }, { 'x-access-token': token });
    expect(onA.body.code).toBe('SUCCESS');
    expect(onA.body.transactionId).not.toBe(onB.body.transactionId);
  });

  it('lists on one replica (get-enroll, admin) an enrollment made on the other', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const token = await tokenFrom(b.url);
    const enrolled = await post(a.url, enrollPath, { faceImage: face, userId: 'shared-user', region: 'PHL' }, { 'x-access-token': token });
    expect(enrolled.body.code).toBe('SUCCESS');
    const listed = await post(b.url, getEnrollPath, { userId: 'shared-user' }, { 'x-access-token': token });
    expect(listed.body.code).toBe('SUCCESS');
    const urls = (listed.body.data as { imageUrlList: string[] }).imageUrlList;
    expect(urls).toHaveLength(1);
    // The face URL B signed is served by A: the bytes are in Redis, the URL key is the shared signing key.
    const image = await fetch(urls[0]!.replace(b.url, a.url));
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await image.arrayBuffer()).toString('base64')).toBe(face);
    const faces = (await admin(b.url, '/__admin/enrollments/shared-user')).body.enrollments;
    expect(faces.map((f: { transactionId: string }) => f.transactionId)).toEqual([enrolled.body.transactionId]);
  });

  it('runs one H5 journey across replicas: Generate URL on one, the result completed and read on the others', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const token = await tokenFrom(a.url);
    const headers = { 'x-access-token': token };
    // Enrolled on B: scoring the PASS on B compares with the face enrolled there, so the result is PASS.
    expect((await post(b.url, enrollPath, { faceImage: face, userId: 'h5-user', region: 'PHL' }, headers)).body.code).toBe('SUCCESS');
    const generated = await post(
      a.url,
      generateUrlPath,
      {
        returnUrl: 'https://app.example/ok',
        failReturnUrl: 'https://app.example/fail',
        callbackUrl: 'http://127.0.0.1:9/cb',
        userId: 'h5-user',
        region: 'PHL',
      },
      headers,
    );
    expect(generated.body.code).toBe('SUCCESS');
    const { signatureId } = generated.body.data as { signatureId: string };
    expect((await post(b.url, getResultPath, { signatureId }, headers)).body.data).toMatchObject({ overallResult: 'INCOMPLETE' });
    const completed = await fetch(`${b.url}/__admin/authentications/${signatureId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result: 'PASS' }),
    });
    expect([completed.status, ((await completed.json()) as { overallResult: string }).overallResult]).toEqual([200, 'PASS']);
    expect((await post(a.url, getResultPath, { signatureId }, headers)).body.data).toMatchObject({ overallResult: 'PASS' });
    // Completed once: a second completion, on the other replica, is refused and the first result stands.
    const again = await fetch(`${a.url}/__admin/authentications/${signatureId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result: 'FAIL' }),
    });
    expect(again.status).toBe(409);
  });

  it('holds the rate limit across both replicas', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const [c, d] = await Promise.all([replica(['--rate-limit', '3']), replica(['--rate-limit', '3'])]);
    try {
      const token = await tokenFrom(c.url);
      // Six requests in one second, three to each: each replica alone is within 3 per second, the two together are not.
      while (Date.now() % 1000 > 300) await new Promise((r) => setTimeout(r, 20));
      const answers = await Promise.all(
        [c, d, c, d, c, d].map((cli) =>
          post(cli.url, enrollPath, { userId: 'rate-user', region: 'PHL' }, { 'x-access-token': token, 'x-mock-namespace': 'rate' }),
        ),
      );
      const busy = answers.filter((answer) => answer.body.code === 'SERVICE_BUSY').length;
      expect(busy).toBe(3);
    } finally {
      await Promise.all([c.stop(), d.stop()]);
    }
  });

  it('isolates state and journal by X-Mock-Namespace, and resets one namespace only', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const token = await tokenFrom(a.url);
    const job = (name: string) => ({ 'x-access-token': token, 'x-mock-namespace': name });
    expect((await post(a.url, enrollPath, { faceImage: face, userId: 'ns-user', region: 'PHL' }, job('job-1'))).body.code).toBe('SUCCESS');
    expect((await post(a.url, enrollPath, { faceImage: face, userId: 'ns-user', region: 'PHL' }, job('job-2'))).body.code).toBe('SUCCESS');
    const list = async (headers: Record<string, string>) =>
      ((await post(b.url, getEnrollPath, { userId: 'ns-user' }, headers)).body.data as { imageUrlList: string[] }).imageUrlList.length;
    expect([await list(job('job-1')), await list(job('job-2')), await list({ 'x-access-token': token })]).toEqual([1, 1, 0]);
    const journal = async (name: string) =>
      (await admin(b.url, '/__admin/requests', { 'x-mock-namespace': name })).body.requests.map((r: { path: string }) => r.path);
    expect(await journal('job-1')).toEqual([enrollPath, getEnrollPath]); // A's enroll, then B's get-enroll: nothing of job-2
    expect((await admin(b.url, '/__admin/reset', { 'x-mock-namespace': 'job-1' }, 'POST')).status).toBe(204);
    expect([await list(job('job-1')), await list(job('job-2'))]).toEqual([0, 1]);
    expect((await admin(a.url, '/__admin/requests', { 'x-mock-namespace': 'bad/name' })).status).toBe(400);
  });

  it('loses nothing when one replica stops: its enrollments and journal stay on the other', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const e = await replica();
    const token = await tokenFrom(e.url);
    const headers = { 'x-access-token': token, 'x-mock-namespace': 'stop' };
    for (const userId of ['stop-1', 'stop-2', 'stop-3'])
      expect((await post(e.url, enrollPath, { faceImage: face, userId, region: 'PHL' }, headers)).body.code).toBe('SUCCESS');
    expect(await e.stop()).toBe(0);
    const enrolled = (await admin(b.url, '/__admin/enrollments', { 'x-mock-namespace': 'stop' })).body.enrollments;
    expect(enrolled.map((f: { userId: string }) => f.userId)).toEqual(['stop-1', 'stop-2', 'stop-3']);
    const journal = (await admin(b.url, '/__admin/requests', { 'x-mock-namespace': 'stop' })).body.requests;
    expect(journal.map((r: { userId: string; outcome: string }) => `${r.userId} ${r.outcome}`)).toEqual([
      'stop-1 SUCCESS',
      'stop-2 SUCCESS',
      'stop-3 SUCCESS',
    ]);
  });

  it('reports the store in health, and answers the ERROR envelope (health 503) while Redis is away, then recovers', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const up = await admin(b.url, '/__admin/health');
    expect([up.status, up.body.status, up.body.store]).toEqual([200, 'ok', { kind: 'redis', reachable: true, detail: redis.url }]);
    const token = await tokenFrom(b.url);
    await redis.pause();
    try {
      const down = await admin(b.url, '/__admin/health');
      expect([down.status, down.body.status, down.body.store.reachable]).toEqual([503, 'unavailable', false]);
      const enroll = await post(b.url, enrollPath, { faceImage: face, userId: 'down-user', region: 'PHL' }, { 'x-access-token': token });
      expect([enroll.status, enroll.body.code]).toEqual([200, 'ERROR']);
      expect(enroll.body.extra).toMatch(/^the shared store failed: /);
    } finally {
      await redis.start();
    }
    // node-redis reconnects on its own (backoff up to 2 s).
    const deadline = Date.now() + 15_000;
    let health = await admin(b.url, '/__admin/health');
    while (health.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      health = await admin(b.url, '/__admin/health');
    }
    expect(health.body.store.reachable).toBe(true);
    const enroll = await post(b.url, enrollPath, { faceImage: face, userId: 'back-user', region: 'PHL' }, { 'x-access-token': token });
    expect(enroll.body.code).toBe('SUCCESS');
  }, 40_000);
});

describe('rules shared by two replicas on one Redis', () => {
  const enroll = async (base: string, token: string, userId: string, namespace?: string) =>
    (
      await post(
        base,
        enrollPath,
        { faceImage: face, userId, region: 'PHL' },
        { 'x-access-token': token, ...(namespace ? { 'x-mock-namespace': namespace } : {}) },
      )
    ).body.code;
  const addRule = async (base: string, rule: unknown, namespace?: string) => {
    const response = await fetch(`${base}/__admin/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(namespace ? { 'x-mock-namespace': namespace } : {}) },
      body: JSON.stringify(rule),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string };
  };
  const listed = async (base: string, namespace?: string) =>
    (
      (await admin(base, '/__admin/rules', namespace ? { 'x-mock-namespace': namespace } : {})).body.rules as Array<{
        id: string;
        label: string;
        hits: number;
      }>
    ).map((rule) => `${rule.label} ${rule.hits}`);

  it('applies on B a runtime rule added on A, and lists it there with the hits taken on both', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const token = await tokenFrom(a.url);
    await addRule(a.url, { name: 'shared-rule', match: { userId: 'ruled-user' }, outcome: 'REGION_WRONG' }, 'rules-added');
    expect(await enroll(b.url, token, 'ruled-user', 'rules-added')).toBe('REGION_WRONG');
    expect(await enroll(a.url, token, 'ruled-user', 'rules-added')).toBe('REGION_WRONG');
    expect(await enroll(b.url, token, 'other-user', 'rules-added')).toBe('SUCCESS');
    expect(await listed(b.url, 'rules-added')).toEqual(['shared-rule 2']);
    // Removed on B: gone on A too.
    expect((await admin(b.url, '/__admin/rules', { 'x-mock-namespace': 'rules-added' }, 'DELETE')).status).toBe(204);
    expect(await listed(a.url, 'rules-added')).toEqual([]);
    expect(await enroll(a.url, token, 'ruled-user', 'rules-added')).toBe('SUCCESS');
  });

  it('answers a runtime rule with times: 2 exactly twice across both replicas, even at once', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const token = await tokenFrom(a.url);
    await addRule(b.url, { name: 'twice', match: { userId: 'twice-user' }, outcome: 'REGION_WRONG', times: 2 }, 'rules-times');
    const codes = await Promise.all([a, b, a, b, a, b].map((cli) => enroll(cli.url, token, 'twice-user', 'rules-times')));
    expect(codes.filter((code) => code === 'REGION_WRONG')).toHaveLength(2);
    expect(codes.filter((code) => code === 'SUCCESS')).toHaveLength(4);
    expect(await listed(a.url, 'rules-times')).toEqual(['twice 2']);
  });

  it('advances a sequence across replicas, one step per request wherever it lands', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const token = await tokenFrom(a.url);
    const sequence = ['REGION_WRONG', 'PARAMETER_ERROR', 'SERVICE_BUSY'];
    await addRule(a.url, { name: 'steps', match: { userId: 'seq-user' }, sequence }, 'rules-seq');
    const codes = [];
    for (const cli of [b, a, b, a]) codes.push(await enroll(cli.url, token, 'seq-user', 'rules-seq'));
    expect(codes).toEqual([...sequence, 'SUCCESS']);
  });

  it("shares the file's times and sequence between replicas started with the same rules file", async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const dir = mkdtempSync(join(tmpdir(), 'fem-rules-'));
    const file = join(dir, 'rules.json');
    writeFileSync(
      file,
      JSON.stringify({
        rules: [
          { name: 'file-twice', match: { userId: 'file-twice' }, outcome: 'REGION_WRONG', times: 2 },
          { name: 'file-steps', match: { userId: 'file-steps' }, sequence: ['REGION_WRONG', 'PARAMETER_ERROR'] },
        ],
      }),
    );
    const [c, d] = await Promise.all([replica(['--rules', file]), replica(['--rules', file])]);
    try {
      const token = await tokenFrom(c.url);
      const codes = await Promise.all([c, d, c, d].map((cli) => enroll(cli.url, token, 'file-twice', 'rules-file')));
      expect(codes.filter((code) => code === 'REGION_WRONG')).toHaveLength(2);
      const steps = [];
      for (const cli of [d, c, d]) steps.push(await enroll(cli.url, token, 'file-steps', 'rules-file'));
      expect(steps).toEqual(['REGION_WRONG', 'PARAMETER_ERROR', 'SUCCESS']);
      expect(await listed(d.url, 'rules-file')).toEqual(['file-twice 2', 'file-steps 2']);
      // Another namespace counts the file's rules from zero; a reset of the first starts its counts again.
      expect(await enroll(d.url, token, 'file-twice', 'rules-file-2')).toBe('REGION_WRONG');
      expect((await admin(c.url, '/__admin/reset', { 'x-mock-namespace': 'rules-file' }, 'POST')).status).toBe(204);
      expect(await listed(d.url, 'rules-file')).toEqual(['file-twice 0', 'file-steps 0']);
      expect(await enroll(d.url, token, 'file-steps', 'rules-file')).toBe('REGION_WRONG');
    } finally {
      await Promise.all([c.stop(), d.stop()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a rule to its namespace, and a reset of that namespace removes it on every replica', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const token = await tokenFrom(a.url);
    await addRule(a.url, { name: 'only-a', match: { userId: 'ns-ruled' }, outcome: 'REGION_WRONG' }, 'rules-ns-a');
    expect(await enroll(b.url, token, 'ns-ruled', 'rules-ns-a')).toBe('REGION_WRONG');
    expect(await enroll(b.url, token, 'ns-ruled', 'rules-ns-b')).toBe('SUCCESS');
    expect(await enroll(b.url, token, 'ns-ruled')).toBe('SUCCESS');
    expect([await listed(b.url, 'rules-ns-b'), await listed(a.url)]).toEqual([[], []]);
    await addRule(b.url, { name: 'only-b', match: { userId: 'ns-ruled' }, outcome: 'PARAMETER_ERROR' }, 'rules-ns-b');
    expect((await admin(b.url, '/__admin/reset', { 'x-mock-namespace': 'rules-ns-a' }, 'POST')).status).toBe(204);
    expect(await listed(a.url, 'rules-ns-a')).toEqual([]);
    expect(await enroll(a.url, token, 'ns-ruled', 'rules-ns-a')).toBe('SUCCESS');
    // The other namespace's rule stays.
    expect(await listed(a.url, 'rules-ns-b')).toEqual(['only-b 0']);
    expect(await enroll(a.url, token, 'ns-ruled', 'rules-ns-b')).toBe('PARAMETER_ERROR');
  });
});

describe('a replica on a Redis that hangs', () => {
  it('answers the ERROR envelope once the command timeout (3 s) passes, not never, and recovers when Redis answers again', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const token = await tokenFrom(a.url);
    redis.freeze();
    try {
      const started = Date.now();
      const enroll = await post(a.url, enrollPath, { faceImage: face, userId: 'frozen-user', region: 'PHL' }, { 'x-access-token': token });
      expect([enroll.status, enroll.body.code]).toEqual([200, 'ERROR']);
      expect(enroll.body.extra).toMatch(/^the shared store failed: /);
      // The command timeout ended the wait (a request held for good is caught by this test's own timeout).
      expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    } finally {
      redis.thaw();
    }
    const deadline = Date.now() + 15_000;
    let code: string | undefined;
    do {
      code = (await post(a.url, enrollPath, { faceImage: face, userId: 'thawed-user', region: 'PHL' }, { 'x-access-token': token })).body
        .code;
      if (code !== 'SUCCESS') await new Promise((r) => setTimeout(r, 200));
    } while (code !== 'SUCCESS' && Date.now() < deadline);
    expect(code).toBe('SUCCESS');
  }, 40_000);
});

describe('--store with a Redis that is not there', () => {
  it('refuses to start, naming the URL and what to do', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const { runCli } = await import('../support/start-cli.js');
    const { freePort } = await import('../support/free-port.js');
    const port = await freePort();
    const { code, stderr } = await runCli(['serve', '--port', '0', '--store', `redis://127.0.0.1:${port}`]);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`--store redis://127\\.0\\.0\\.1:${port}: cannot reach Redis .*use --store memory`));
  });
});
