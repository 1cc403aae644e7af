import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enrollPath, outcomeNames } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { runCli } from '../support/start-cli.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const tmp = mkdtempSync(join(tmpdir(), 'qa-'));
const rulesFile = join(tmp, 'rules.yaml');
writeFileSync(rulesFile, 'rules:\n  - name: file-error\n    match: { userId: { prefix: "err-" } }\n    outcome: ERROR\n');
let server: MockServer;
let url: string;

beforeAll(async () => {
  server = await createMockServer({ seed: 3, rules: rulesFile, traceHeader: true });
  url = await server.listen(0);
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${url}/__admin/reset`, { method: 'POST' });
});

const enroll = async (userId: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 'secret-token', ...headers },
    body: JSON.stringify({ faceImage: face, userId, region: 'PHL' }),
  });
  const text = await response.text();
  // A malformed fault's body is cut off on purpose: keep the text, not a parse error.
  const body = (text.endsWith('}') ? JSON.parse(text) : { code: `(not JSON: ${text.slice(0, 20)})`, message: '' }) as {
    code: string;
    message: string;
  };
  return { status: response.status, decision: response.headers.get('x-mock-decision'), body };
};
const admin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(url + path, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};
const codes = async (userId: string, n: number) => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await enroll(userId)).body.code);
  return out;
};

describe('runtime rules over /__admin/rules', () => {
  it('adds a rule before the file rules, lists it first with its hit count, and names it in the journal', async () => {
    const added = await admin('POST', '/__admin/rules', {
      name: 'qa-ticket',
      match: { userId: { prefix: 'err-' } },
      outcome: 'REGION_WRONG',
    });
    expect(added).toMatchObject({ status: 201, body: { id: 'rt-1', origin: 'runtime', label: 'qa-ticket', hits: 0 } });
    expect((await enroll('err-1')).body.code).toBe('REGION_WRONG');
    const listed = await admin('GET', '/__admin/rules');
    expect(listed.body.rules.map((r: { id: string; hits: number }) => [r.id, r.hits])).toEqual([
      ['rt-1', 1],
      ['file-1', 0],
    ]);
    const journal = await admin('GET', '/__admin/requests');
    expect(journal.body.requests.at(-1)).toMatchObject({ outcome: 'REGION_WRONG', source: 'rule', stage: 'rules', rule: 'qa-ticket' });
  });

  it('answers a bad rule with 400 and the messages a rules file gets', async () => {
    const typo = await admin('POST', '/__admin/rules', { outcome: 'SUCESS' });
    expect(typo.status).toBe(400);
    expect(typo.body.errors).toEqual([
      expect.stringMatching(
        /^POST \/__admin\/rules: rule 1: `outcome: SUCESS` is not one of the names it takes: did you mean `SUCCESS`\? Or write one of SUCCESS, /,
      ),
    ]);
    const nothing = await admin('POST', '/__admin/rules', { match: { userId: 'x' } });
    expect(nothing.body.errors).toEqual([
      expect.stringMatching(
        /^POST \/__admin\/rules: rule 1 has neither `outcome` nor `fault`: add `outcome: <one of SUCCESS, .*>` or `fault: <one of reset, hang, /,
      ),
    ]);
    expect((await admin('POST', '/__admin/rules', [{ outcome: 'ERROR' }])).status).toBe(400);
    expect((await admin('GET', '/__admin/rules')).body.rules).toHaveLength(1);
  });

  it('stops matching a rule after `times` matches, then the next rules and the checks decide', async () => {
    await admin('POST', '/__admin/rules', { match: { userId: 'twice' }, outcome: 'ERROR', times: 2 });
    expect(await codes('twice', 3)).toEqual(['ERROR', 'ERROR', 'SUCCESS']);
  });

  it('answers a sequence item by item, faults included, then lets the checks decide', async () => {
    await admin('POST', '/__admin/rules', { match: { userId: 'seq' }, sequence: ['ERROR', 'IAM_FAILED'] });
    expect(await codes('seq', 3)).toEqual(['ERROR', 'IAM_FAILED', 'SUCCESS']);
    await admin('POST', '/__admin/rules', { match: { userId: 'seq-fault' }, sequence: ['gateway-502', 'SUCCESS'] });
    const first = await fetch(url + enrollPath, {
      method: 'POST',
      headers: { 'x-access-token': 't' },
      body: JSON.stringify({ faceImage: face, userId: 'seq-fault', region: 'PHL' }),
    });
    expect(first.status).toBe(502);
    expect((await enroll('seq-fault')).body.code).toBe('SUCCESS');
  });

  it('removes one runtime rule, all of them, and none on reset that it did not add', async () => {
    const { body: a } = await admin('POST', '/__admin/rules', { match: { userId: 'a' }, outcome: 'ERROR' });
    await admin('POST', '/__admin/rules', { match: { userId: 'b' }, outcome: 'ERROR' });
    expect((await admin('DELETE', `/__admin/rules/${a.id}`)).status).toBe(204);
    expect((await admin('DELETE', `/__admin/rules/${a.id}`)).status).toBe(404);
    expect((await admin('DELETE', '/__admin/rules/file-1')).body.errors[0]).toContain('a file rule is removed by editing the file');
    expect((await enroll('a')).body.code).toBe('SUCCESS');
    expect((await admin('DELETE', '/__admin/rules')).status).toBe(204);
    expect((await enroll('b')).body.code).toBe('SUCCESS');
    await admin('POST', '/__admin/rules', { match: { userId: 'c' }, outcome: 'ERROR' });
    await admin('POST', '/__admin/reset');
    expect((await admin('GET', '/__admin/rules')).body.rules.map((r: { id: string }) => r.id)).toEqual(['file-1']);
  });
});

describe('verification', () => {
  it('filters the journal by userId, outcome, source and since', async () => {
    await enroll('v-1');
    await enroll('err-v');
    await enroll('v-1', { 'x-mock-fault': 'malformed' });
    const all = (await admin('GET', '/__admin/requests')).body.requests;
    const ids = (query: string) => admin('GET', `/__admin/requests?${query}`).then((r) => r.body.requests.map((e: { id: number }) => e.id));
    expect(await ids('userId=v-1')).toEqual([all[0].id, all[2].id]);
    expect(await ids('outcome=ERROR&source=rule')).toEqual([all[1].id]);
    expect(await ids('source=header')).toEqual([all[2].id]);
    expect(await ids(`since=${all[0].id}`)).toEqual([all[1].id, all[2].id]);
  });

  it('refuses an unknown filter or a since it cannot read, instead of answering the whole journal', async () => {
    await enroll('v-typo');
    const typo = await admin('GET', '/__admin/requests?userid=v-typo');
    expect([typo.status, typo.body.errors]).toEqual([400, [expect.stringMatching(/unknown filter `userid`: did you mean `userId`\?/)]]);
    const since = await admin('GET', '/__admin/requests?since=garbage');
    expect([since.status, since.body.errors]).toEqual([400, [expect.stringMatching(/since=`garbage` is neither an entry id/)]]);
  });

  it('counts requests by a rule match and an outcome, and explains a bad pattern', async () => {
    await enroll('count-1');
    await enroll('count-2', { 'x-team': 'payments' });
    await enroll('err-count');
    expect((await admin('POST', '/__admin/requests/count', { userId: { prefix: 'count-' } })).body).toEqual({ count: 2 });
    expect(
      (await admin('POST', '/__admin/requests/count', { userId: { prefix: 'count-' }, headers: { 'X-Team': 'payments' } })).body,
    ).toEqual({ count: 1 });
    expect((await admin('POST', '/__admin/requests/count', { outcome: 'ERROR', region: 'PHL' })).body).toEqual({ count: 1 });
    expect((await admin('POST', '/__admin/requests/count', { faceImageKind: 'base64', outcome: 'SUCCESS' })).body).toEqual({ count: 2 });
    const bad = await admin('POST', '/__admin/requests/count', { user: 'x' });
    expect(bad).toEqual({
      status: 400,
      body: { errors: [expect.stringMatching(/^POST \/__admin\/requests\/count: unknown key `user`: did you mean `userId`\? /)] },
    });
    expect((await admin('POST', '/__admin/requests/count', { faceImage: 'x' })).body.errors[0]).toContain(
      'the journal never keeps the image',
    );
  });

  it('keeps request headers bounded in the journal, and never the token', async () => {
    await enroll('headers-1', { 'x-long': 'y'.repeat(5000) });
    const entry = (await admin('GET', '/__admin/requests?userId=headers-1')).body.requests[0];
    expect(entry.headers['x-access-token']).toBe('(12 characters, not kept)');
    expect(entry.headers['x-long']).toBe(`${'y'.repeat(200)}… (5000 characters)`);
    expect(entry).toMatchObject({
      region: 'PHL',
      faceImageKind: 'base64',
      image: { format: 'jpeg', width: 512, height: 512, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(JSON.stringify(entry)).not.toContain('secret-token');
  });
});

describe('coverage', () => {
  it('counts every documented outcome and fault, and lists the ones never answered', async () => {
    await enroll('cov-1');
    await enroll('cov-busy', { prefer: 'example=SERVICE_BUSY' });
    await enroll('cov-2', { 'x-mock-fault': 'malformed' });
    const report = (await admin('GET', '/__admin/coverage')).body;
    expect(report.total).toBe(3);
    expect(report.entries.filter((e: { count: number }) => e.count > 0)).toEqual([
      { operation: 'saveEnroll', name: 'SUCCESS', kind: 'outcome', count: 1 },
      { operation: 'saveEnroll', name: 'SERVICE_BUSY', kind: 'outcome', count: 1 },
      { operation: 'saveEnroll', name: 'malformed', kind: 'fault', count: 1 },
    ]);
    expect(report.never).toContain('saveEnroll:IAM_FAILED');
    expect((await admin('GET', '/__admin/coverage?operation=saveEnroll')).body.entries).toHaveLength(outcomeNames.length + 5);
  });

  it('fails the coverage command when a required outcome was never answered, and passes when it was', async () => {
    await enroll('cli-busy', { prefer: 'example=SERVICE_BUSY' });
    const missing = await runCli(['coverage', '--url', url, '--require', 'SERVICE_BUSY,IAM_FAILED']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('your tests never saw IAM_FAILED');
    expect(missing.stderr).toMatch(/IAM_FAILED\s+outcome\s+0\s+<- required, never seen/);
    await enroll('cli-iam', { prefer: 'example=IAM_FAILED' });
    const seen = await runCli(['coverage', '--url', url, '--require', 'SERVICE_BUSY,IAM_FAILED']);
    expect([seen.code, seen.stdout]).toEqual([0, expect.stringMatching(/SERVICE_BUSY\s+outcome\s+1/)]);
    const unknown = await runCli(['coverage', '--url', url, '--require', 'NOPE']);
    expect(unknown.code).toBe(2);
    // The user typed --require: the message names it, not the library function behind it.
    expect(unknown.stderr).toMatch(/^face-enroll-mock coverage: --require: unknown outcome or fault NOPE; known: /);
  });

  it('reads --require names without regard to case and suggests the nearest for a typo', async () => {
    await enroll('cli-case', { prefer: 'example=IAM_FAILED' });
    const lower = await runCli(['coverage', '--url', url, '--require', 'iam_failed']);
    expect([lower.code, lower.stdout]).toEqual([0, expect.stringMatching(/IAM_FAILED\s+outcome\s+[1-9]/)]);
    const typo = await runCli(['coverage', '--url', url, '--require', 'iam_faild']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^face-enroll-mock coverage: --require: unknown outcome or fault iam_faild \(did you mean IAM_FAILED\?\); known: /,
    );
  });
});

describe('health and the trace header', () => {
  it('reports the rules file, when it was loaded, and the last rejected edit', async () => {
    const before = (await admin('GET', '/__admin/health')).body.rulesState;
    expect(before).toMatchObject({ count: 1, runtime: 0, file: rulesFile, lastRejected: null });
    writeFileSync(rulesFile, 'rules:\n  - outcome: NOPE\n');
    expect(server.reloadRules()).toBe(false);
    const rejected = (await admin('GET', '/__admin/health')).body.rulesState;
    expect(rejected.lastRejected).toMatchObject({
      error: expect.stringContaining('rule 1: `outcome: NOPE` is not one of the names it takes'),
    });
    writeFileSync(rulesFile, 'rules:\n  - name: file-error\n    match: { userId: { prefix: "err-" } }\n    outcome: ERROR\n');
    expect(server.reloadRules()).toBe(true);
    const good = (await admin('GET', '/__admin/health')).body.rulesState;
    expect(good.lastRejected).toBeNull();
    expect(Date.parse(good.loadedAt)).toBeGreaterThanOrEqual(Date.parse(before.loadedAt));
  });

  it('says in X-Mock-Decision which stage, source and rule decided', async () => {
    expect((await enroll('err-trace')).decision).toBe('stage=rules; source=rule; rule=file-error; outcome=ERROR');
    expect((await enroll('trace-ok')).decision).toBe('stage=success; source=check; outcome=SUCCESS');
  });
});
