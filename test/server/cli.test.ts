import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath, outcomeNames } from '../../src/generated/outcomes.js';
import { freePort } from '../support/free-port.js';
import { runCli, startCli, type RunningCli } from '../support/start-cli.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const good = (userId = 'cli-user') => JSON.stringify({ faceImage: face, userId, region: 'PHL' });
const headers = { 'content-type': 'application/json', 'x-access-token': 't' };
const enroll = (base: string, body = good(), extra: Record<string, string> = {}) =>
  fetch(base + enrollPath, { method: 'POST', headers: { ...headers, ...extra }, body }).then(async (r) => ({
    status: r.status,
    body: await r.json(),
  }));
const tmp = mkdtempSync(join(tmpdir(), 'face-enroll-cli-'));

describe('face-enroll-mock serve with the defaults', () => {
  let cli: RunningCli;
  beforeAll(async () => {
    cli = await startCli();
  }, 30_000);
  afterAll(() => cli.stop());

  it('logs one ready line with the URL, then one JSON line per request with outcome and latency', async () => {
    expect(JSON.parse(await cli.waitForLine(/ready on/))).toMatchObject({
      level: 30,
      url: cli.url,
      enroll: cli.url + enrollPath,
      store: 'memory',
    });
    await enroll(cli.url, JSON.stringify({ faceImage: face, userId: 'log-user', region: 'XYZ' }));
    const line = JSON.parse(await cli.waitForLine(/REGION_WRONG/));
    expect(line).toMatchObject({ method: 'POST', path: enrollPath, outcome: 'REGION_WRONG', status: 200, latencyMs: expect.any(Number) });
  });

  it('names the outcome, its source and the rule that decided on each request line', async () => {
    await enroll(cli.url, good('error-7'));
    const line = JSON.parse(await cli.waitForLine(/"userId":"error-7"|-> ERROR \[rule/)) as Record<string, unknown>;
    expect(line).toMatchObject({ outcome: 'ERROR', source: 'rule', stage: 'rules', rule: 'server-error-users' });
    expect(line.msg).toMatch(new RegExp(`^POST ${enrollPath} -> ERROR \\[rule server-error-users\\] \\(\\d+(\\.\\d+)? ms\\)$`));
    await enroll(cli.url, JSON.stringify({ faceImage: face, userId: 'log-check', region: 'XYZ' }));
    const check = JSON.parse(await cli.waitForLine(/REGION_WRONG \[check/)) as Record<string, unknown>;
    expect(check).toMatchObject({ outcome: 'REGION_WRONG', source: 'check', stage: 'fields' });
    expect(check).not.toHaveProperty('rule');
  });

  it('answers SUCCESS for a valid enroll and applies the default rules', async () => {
    expect((await enroll(cli.url)).body.code).toBe('SUCCESS');
    expect((await enroll(cli.url, good('error-42'))).body.code).toBe('ERROR');
  });

  it('forces an outcome with Prefer: example=NAME and explains an unknown name', async () => {
    expect((await enroll(cli.url, good(), { prefer: 'example=IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE' })).body.code).toBe(
      'IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE',
    );
    const unknown = await enroll(cli.url, good(), { prefer: 'example=NOPE' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'CLIENT_ERROR', extra: expect.stringContaining('Valid names: SUCCESS, REGION_WRONG') });
  });

  it('answers a CORS preflight from any origin, and its answers are readable by any origin', async () => {
    const preflight = await fetch(cli.url + enrollPath, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.test:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-access-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-access-token');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const actual = await fetch(cli.url + enrollPath, {
      method: 'POST',
      headers: { ...headers, origin: 'http://app.test:5173' },
      body: good(),
    });
    expect(actual.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers unknown paths with the gateway 404 page and wrong methods with 405', async () => {
    const missing = await fetch(cli.url + '/intl/openapi/nothing-here', { method: 'POST', headers, body: '{}' });
    expect([missing.status, missing.headers.get('content-type'), await missing.text()]).toEqual([
      404,
      'text/html',
      expect.stringContaining('<center>nginx</center>'),
    ]);
    const wrong = await fetch(cli.url + enrollPath);
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);
  });

  it('answers a body that is not JSON, and a wrong content type, with the PARAMETER_ERROR envelope', async () => {
    expect((await enroll(cli.url, '{"faceImage": ')).body).toMatchObject({
      code: 'PARAMETER_ERROR',
      message: 'Parameter error,please check you input.',
    });
    expect((await enroll(cli.url, good(), { 'content-type': 'text/plain' })).body.code).toBe('PARAMETER_ERROR');
  });

  it('refuses a body over the cap with 413 before reading it all, and keeps serving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(cli.url + enrollPath);
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...headers, 'content-length': String(20 * 1024 * 1024) },
        },
        (res) => resolve(res.statusCode!),
      );
      req.on('error', reject);
      req.write(Buffer.alloc(64 * 1024, 'a')); // far less than declared: the server must not wait for the rest
    });
    expect(status).toBe(413);
    expect((await enroll(cli.url)).body.code).toBe('SUCCESS');
  });

  it('keeps a journal, the enrolled state and a reset under /__admin/', async () => {
    await fetch(cli.url + '/__admin/reset', { method: 'POST' });
    await enroll(cli.url, good('admin-user'));
    await enroll(cli.url, good('admin-user'), { 'x-access-token': '' });
    const journal = await (await fetch(cli.url + '/__admin/requests')).json();
    expect(journal.requests.map((r: { outcome: string; userId: string }) => [r.outcome, r.userId])).toEqual([
      ['SUCCESS', 'admin-user'],
      ['IAM_FAILED', 'admin-user'],
    ]);
    const mine = await (await fetch(cli.url + '/__admin/enrollments/admin-user')).json();
    expect(mine.enrollments).toEqual([expect.objectContaining({ userId: 'admin-user', format: 'jpeg', width: 512 })]);
    expect((await fetch(cli.url + '/__admin/enrollments')).status).toBe(200);
    expect((await fetch(cli.url + '/__admin/reset', { method: 'POST' })).status).toBe(204);
    expect((await (await fetch(cli.url + '/__admin/enrollments')).json()).enrollments).toEqual([]);
    expect((await (await fetch(cli.url + '/__admin/requests')).json()).requests).toEqual([]);
    expect(await (await fetch(cli.url + '/__admin/health')).json()).toMatchObject({ status: 'ok', rules: 6 + outcomeNames.length });
    const unknown = await fetch(cli.url + '/__admin/nope');
    expect([unknown.status, (await unknown.json()).endpoints]).toEqual([404, expect.arrayContaining(['POST /__admin/reset'])]);
    expect((await fetch(cli.url + '/__admin/reset')).status).toBe(405);
  });
});

describe('face-enroll-mock serve flags', () => {
  it('prints its help with every flag, and exits 0', async () => {
    const { code, stdout } = await runCli(['serve', '--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--port',
      '--host',
      '--rules',
      '--seed',
      '--delay',
      '--token',
      '--regions',
      '--strict',
      '--log-level',
      '--log-format',
      '--journal-size',
      '--max-body',
      '--spec',
    ]) {
      expect(stdout).toContain(flag);
    }
  });

  it('names a bad flag value and exits 2', async () => {
    expect(await runCli(['serve', '--delay', 'soon'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--delay must be MS or MIN-MAX'),
    });
    expect(await runCli(['serve', '--port', '99999'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--port must be a whole number from 0 to 65535'),
    });
    // Unknown flags and commands: test/server/cli-usage.test.ts.
  });

  it('refuses a broken rules file at start with the file, rule and field named', async () => {
    const file = join(tmp, 'broken.yaml');
    writeFileSync(file, 'rules:\n  - name: typo\n    outcome: SUCESS\n');
    const { code, stderr } = await runCli(['serve', '--rules', file, '--port', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${file}: rule 1 (\`typo\`): \`outcome: SUCESS\` is not one of the names it takes: did you mean \`SUCCESS\`? Or write one of SUCCESS`,
    );
  });

  it('gives the same words for a rule with no outcome at start-up, from the file watcher and in the 400 of POST /__admin/rules', async () => {
    const problem = (source: string) =>
      `${source}: rule 2 (\`slow-users\`) has neither \`outcome\` nor \`fault\`: add \`outcome: <one of ${outcomeNames.join(', ')}>\` or ` +
      '`fault: <one of reset, hang, malformed, gateway-502, gateway-504>` (or `sequence:` of them, or `authentication:` for the H5 page)';
    const broken = 'rules:\n  - outcome: ERROR\n  - name: slow-users\n    delay: 300\n';
    const file = join(tmp, 'no-outcome.yaml');
    writeFileSync(file, broken);
    const start = await runCli(['serve', '--rules', file, '--port', '0']);
    expect([start.code, start.stderr]).toEqual([2, `face-enroll-mock serve: the rules file is invalid:\n  ${problem(file)}\n`]);

    writeFileSync(file, 'rules:\n  - outcome: ERROR\n');
    const cli = await startCli(['--rules', file]);
    try {
      writeFileSync(file, broken);
      const line = JSON.parse(await cli.waitForLine(/rules not reloaded/)) as { msg: string };
      expect(line.msg).toBe(
        `rules not reloaded, keeping the last good ones: face-enroll-mock: the rules file is invalid:\n  ${problem(file)}`,
      );
      const response = await fetch(cli.url + '/__admin/rules', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'slow-users', delay: 300 }),
      });
      expect([response.status, await response.json()]).toEqual([
        400,
        { errors: [problem('POST /__admin/rules').replace('rule 2', 'rule 1')] },
      ]);
    } finally {
      await cli.stop();
    }
  });

  it('says the port is taken and how to pick another', async () => {
    const cli = await startCli();
    try {
      const port = new URL(cli.url).port;
      const { code, stderr } = await runCli(['serve', '--port', port]);
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} is taken`);
    } finally {
      await cli.stop();
    }
  });

  it('listens on PORT and HOST from the environment', async () => {
    const port = await freePort();
    const cli = await startCli([], { PORT: String(port), HOST: '127.0.0.1' });
    try {
      expect(cli.url).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await cli.stop();
    }
  });

  it('repeats transaction ids under --seed, applies --delay and --regions, and --token off', async () => {
    const ids = async () => {
      const cli = await startCli(['--seed', '7', '--delay', '120-150', '--regions', 'IDN', '--token', 'off']);
      try {
        const started = performance.now();
        const a = await enroll(cli.url, good(), { 'x-access-token': '' });
        expect(performance.now() - started).toBeGreaterThanOrEqual(115);
        const b = await enroll(cli.url, JSON.stringify({ faceImage: face, userId: 'u', region: 'IDN' }));
        return [a.body.code, b.body.code, a.body.transactionId, b.body.transactionId];
      } finally {
        await cli.stop();
      }
    };
    const first = await ids();
    expect(first.slice(0, 2)).toEqual(['REGION_WRONG', 'SUCCESS']);
    expect(await ids()).toEqual(first);
  });

  it('accepts only its own unexpired tokens with --token issued, and issues them at generate-token', async () => {
    const cli = await startCli(['--token', 'issued', '--access-key', 'k1', '--secret-key', 's1']);
    try {
      expect((await enroll(cli.url, good(), { 'x-access-token': 'made-up' })).body).toMatchObject({
        code: 'IAM_FAILED',
        message: 'Access denied',
      });
      const timestamp = String(Date.now());
      const { createHash } = await import('node:crypto');
      const signature = createHash('sha256').update(`k1s1${timestamp}`).digest('hex');
      const issued = await (
        await fetch(cli.url + '/openapi/auth/ticket/v1/generate-token', {
          method: 'POST',
          headers,
          body: JSON.stringify({ accessKey: 'k1', timestamp, signature }),
        })
      ).json();
      expect(issued).toMatchObject({ code: 'SUCCESS', data: { token: expect.any(String), expiredTime: expect.any(Number) } });
      expect((await enroll(cli.url, good(), { 'x-access-token': issued.data.token })).body.code).toBe('SUCCESS');
      const wrong = await (
        await fetch(cli.url + '/openapi/auth/ticket/v1/generate-token', {
          method: 'POST',
          headers,
          body: JSON.stringify({ accessKey: 'k1', timestamp, signature: '0'.repeat(64) }),
        })
      ).json();
      expect(wrong).toMatchObject({ code: 'PARAMETER_ERROR', message: 'Signature error' });
    } finally {
      await cli.stop();
    }
  });

  it('runs with no rules when told --rules none', async () => {
    const cli = await startCli(['--rules', 'none']);
    try {
      expect((await enroll(cli.url, good('error-1'))).body.code).toBe('SUCCESS');
    } finally {
      await cli.stop();
    }
  });

  it('re-reads the rules file when it changes, and keeps the last good rules after a broken edit', async () => {
    const file = join(tmp, 'hot.yaml');
    writeFileSync(file, stringify({ rules: [{ name: 'first', match: { userId: 'hot' }, outcome: 'ERROR' }] }));
    const cli = await startCli(['--rules', file]);
    try {
      expect((await enroll(cli.url, good('hot'))).body.code).toBe('ERROR');
      writeFileSync(file, stringify({ rules: [{ name: 'second', match: { userId: 'hot' }, outcome: 'REGION_WRONG' }] }));
      await cli.waitForLine(/rules reloaded/);
      expect((await enroll(cli.url, good('hot'))).body.code).toBe('REGION_WRONG');
      writeFileSync(file, 'rules:\n  - outcome: [not, a, name]\n');
      expect(JSON.parse(await cli.waitForLine(/rules not reloaded/)).msg).toContain(
        'rule 1: `outcome: ["not","a","name"]` is not one of the names it takes',
      );
      expect((await enroll(cli.url, good('hot'))).body.code).toBe('REGION_WRONG');
      expect(parse(readFileSync(file, 'utf8'))).toBeTruthy();
    } finally {
      await cli.stop();
    }
  });

  it('refuses a --spec whose examples say other codes or messages than the answers it renders', async () => {
    const spec = readFileSync(new URL('../../spec/openapi.yaml', import.meta.url), 'utf8').replace(
      'code: REGION_WRONG\n',
      'code: REGION_WRONGG\n',
    );
    const file = join(tmp, 'other-examples.yaml');
    writeFileSync(file, spec);
    const { code, stderr } = await runCli(['serve', '--port', '0', '--spec', file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`example REGION_WRONG of POST ${enrollPath} has code "REGION_WRONGG"; the kit answers "REGION_WRONG"`);
  });

  it('logs an answer that breaks the spec as a contract violation, and answers 500 with --strict', async () => {
    // A copy of the spec with the same examples but a schema that allows only 8-character transaction ids.
    const spec = readFileSync(new URL('../../spec/openapi.yaml', import.meta.url), 'utf8').replace(
      /(EnrollResponse:[\s\S]*?transactionId:[\s\S]*?maxLength: )64/,
      '$18',
    );
    expect(spec).toContain('maxLength: 8');
    const file = join(tmp, 'broken-spec.yaml');
    writeFileSync(file, spec);
    const body = JSON.stringify({ faceImage: face, userId: 'v', region: 'XYZ' });
    const lenient = await startCli(['--spec', file]);
    try {
      expect(await enroll(lenient.url, body)).toMatchObject({ status: 200, body: { code: 'REGION_WRONG' } });
      expect(JSON.parse(await lenient.waitForLine(/contract violation/))).toMatchObject({
        level: 50,
        violations: [expect.stringContaining('body.transactionId')],
      });
    } finally {
      await lenient.stop();
    }
    const strict = await startCli(['--spec', file, '--strict']);
    try {
      expect(await enroll(strict.url, body)).toMatchObject({
        status: 500,
        body: { code: 'ERROR', extra: expect.stringContaining('contract violation') },
      });
    } finally {
      await strict.stop();
    }
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`closes cleanly on ${signal} with exit code 0`, async () => {
      const cli = await startCli();
      await enroll(cli.url);
      expect(await cli.stop(signal)).toBe(0);
      expect(cli.lines.some((line) => line.includes(`${signal}: closing`))).toBe(true);
      await expect(fetch(cli.url + '/__admin/health')).rejects.toThrow();
    });
  }

  it('answers a request still running at SIGTERM within the grace period, then exits', async () => {
    const file = join(tmp, 'slow.yaml');
    writeFileSync(file, 'rules:\n  - match: { userId: slow-close }\n    outcome: SUCCESS\n    delay: 2500\n');
    const cli = await startCli(['--rules', file, '--shutdown-grace', '6000']);
    const pending = enroll(cli.url, good('slow-close'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = cli.stop('SIGTERM');
    expect((await pending).body.code).toBe('SUCCESS');
    expect(await exited).toBe(0);
  });
});
