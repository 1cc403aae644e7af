import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractReport } from '../../src/contract/contract-case.js';
import { startRewritingUpstream, type RewritingUpstream } from '../support/rewriting-upstream.js';
import { runCli, startCli, type RunningCli } from '../support/start-cli.js';

/**
 * A nightly job against a stand-in vendor that drifts one way at a time (the kit's own server behind a small
 * rewriting upstream, all on loopback). Each drift goes through the contract command and through the proxy (the
 * contract command's traffic, sent via a proxy in front of the drifted vendor): one verdict, whichever tool saw it.
 */
const KEYS = { ADVANCE_ACCESS_KEY: 'ci-key', ADVANCE_SECRET_KEY: 'ci-secret', ADVANCE_ACCESS_TOKEN: '' };
let kit: RunningCli;
let dir: string;
let runs = 0;

beforeAll(async () => {
  kit = await startCli(['--token', 'issued', '--access-key', 'ci-key', '--secret-key', 'ci-secret', '--rules', 'none']);
  dir = mkdtempSync(join(tmpdir(), 'drift-table-'));
}, 30_000);
afterAll(async () => {
  await kit.stop();
  rmSync(dir, { recursive: true, force: true });
});

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** `contract --only region` (the token, Save Enroll's and Generate URL's REGION_WRONG cases) with every report. */
async function contract(baseUrl: string, extra: string[] = [], env: NodeJS.ProcessEnv = KEYS) {
  const name = `run-${++runs}`;
  const files = { junit: join(dir, `${name}.xml`), markdown: join(dir, `${name}.md`), json: join(dir, `${name}.json`) };
  const args = ['contract', '--base-url', baseUrl, '--only', 'region', ...extra];
  const run = await runCli([...args, '--junit', files.junit, '--markdown', files.markdown, '--json', files.json], env);
  const json = read(files.json);
  return {
    ...run,
    junit: read(files.junit),
    markdown: read(files.markdown),
    jsonText: json,
    report: json ? (JSON.parse(json) as ContractReport) : undefined,
  };
}

/** A proxy in front of `upstream` with --report; `finish` stops it and gives its exit code and report. */
async function proxyBefore(upstream: string, flags: string[] = ['--fail-on-violation']) {
  const report = join(dir, `proxy-${++runs}.json`);
  const proxy = await startCli(['--upstream', upstream, '--report', report, ...flags], {}, 'proxy');
  return {
    url: proxy.url,
    async finish() {
      const code = await proxy.stop('SIGTERM');
      const text = read(report);
      if (!text) throw new Error(`the proxy (exit ${code}) wrote no report:\n${proxy.lines.join('\n')}`);
      return { code, report: JSON.parse(text) as { failures: number; warnings: number; checked: number; recent: any[] } };
    },
  };
}

const byId = (report: ContractReport | undefined) => Object.fromEntries((report?.results ?? []).map((r) => [r.id, r]));

async function drifted(rewrite: Parameters<typeof startRewritingUpstream>[1], run: (upstream: RewritingUpstream) => Promise<void>) {
  const upstream = await startRewritingUpstream(kit.url, rewrite);
  try {
    await run(upstream);
  } finally {
    await upstream.close();
  }
}

describe('a vendor that drifts one way at a time', () => {
  it('a new top-level field in every answer: a warning naming the field on every operation; exit 0, or 1 with --fail-on warning', async () => {
    await drifted(
      (body) => ({ ...body, requestId: 'r-1' }),
      async (upstream) => {
        const proxy = await proxyBefore(upstream.url);
        const run = await contract(proxy.url);
        expect(run.code, run.stderr + run.stdout).toBe(0);
        const results = byId(run.report);
        for (const id of ['00-generate-token', '05-region-wrong-not-iso', '66-generate-url-region-wrong'])
          expect(results[id], id).toMatchObject({ status: 'warn', kind: 'additive-drift', reason: expect.stringContaining('`requestId`') });
        // On the test case itself: a property and the case's own system-out.
        expect(run.junit).toMatch(
          /name="05-region-wrong-not-iso[^"]*"[^>]*>\s*<properties><property name="warning" value="additive drift: the spec does not describe `requestId`"\/><\/properties>\s*<system-out>WARNING additive drift/,
        );
        // What was received, for the bug report: the body with the field, no token anywhere.
        expect(results['05-region-wrong-not-iso']!.received).toMatchObject({
          status: 200,
          body: { requestId: 'r-1', code: 'REGION_WRONG' },
        });
        expect(results['00-generate-token']!.received!.body).toMatchObject({ data: { token: '[token]' } });
        expect(run.jsonText).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);

        const proxied = await proxy.finish();
        expect(proxied.code).toBe(0);
        expect(proxied.report).toMatchObject({ failures: 0, warnings: run.report!.totals.warn });
        expect(proxied.report.recent.every((v) => v.verdict === 'warn' && v.kind === 'additive-drift')).toBe(true);
        expect(proxied.report.recent[0].problems[0]).toContain('`requestId`');

        const strict = await contract(upstream.url, ['--fail-on', 'warning']);
        expect(strict.code, strict.stdout).toBe(1);
        expect(strict.stdout).toContain('--fail-on warning');
      },
    );
  }, 60_000);

  it("REGION_WRONG's message changed: a warning, exit 0, from the contract command and the proxy alike", async () => {
    await drifted(
      (body) => (body.code === 'REGION_WRONG' ? { ...body, message: 'Region is not supported' } : body),
      async (upstream) => {
        const proxy = await proxyBefore(upstream.url);
        const run = await contract(proxy.url);
        expect(run.code, run.stderr + run.stdout).toBe(0);
        expect(byId(run.report)['05-region-wrong-not-iso']).toMatchObject({ status: 'warn', kind: 'message-drift' });
        const proxied = await proxy.finish();
        expect(proxied.code).toBe(0);
        expect(proxied.report).toMatchObject({ failures: 0, warnings: 2 });
        expect(proxied.report.recent.map((v) => v.kind)).toEqual(['message-drift', 'message-drift']);
        // The proxy's --fail-on warning turns it into exit 1, as the contract command's does.
        const strictProxy = await proxyBefore(upstream.url, ['--fail-on', 'warning']);
        await contract(strictProxy.url);
        expect((await strictProxy.finish()).code).toBe(1);
      },
    );
  }, 60_000);

  it('the upstream down for every request: exit 2 with every report written; the proxy that checked nothing exits 1', async () => {
    const proxy = await proxyBefore('http://127.0.0.1:9');
    const run = await contract(proxy.url);
    expect(run.code).toBe(2);
    expect(run.report).toMatchObject({ configurationError: expect.stringContaining('HTTP 502'), totals: { fail: 1 } });
    expect(run.junit).toMatch(/<testcase classname="contract" name="configuration: [^"]*"[^>]*>\s*<failure message="the token request/);
    expect(run.markdown).toContain('| configuration');
    const proxied = await proxy.finish();
    expect(proxied.code).toBe(1);
    expect(proxied.report).toMatchObject({ checked: 0, failures: 1, recent: [{ kind: 'transport' }] });

    const silent = await proxyBefore(kit.url);
    expect((await silent.finish()).code).toBe(1);
  }, 60_000);

  it('one case never answers: --timeout fails that case saying so, and the proxy answers 504 and fails', async () => {
    await drifted(
      (body) => (body.code === 'REGION_WRONG' && body.pricingStrategy !== undefined ? 'hang' : body),
      async (upstream) => {
        const run = await contract(upstream.url, ['--timeout', '1500']);
        expect(run.code, run.stderr + run.stdout).toBe(1);
        expect(byId(run.report)['05-region-wrong-not-iso']).toMatchObject({
          status: 'fail',
          kind: 'timeout',
          reason: 'no answer within 1500 ms (--timeout)',
        });
        expect(byId(run.report)['66-generate-url-region-wrong']).toMatchObject({ status: 'pass' });

        const proxy = await proxyBefore(upstream.url, ['--fail-on-violation', '--timeout', '500']);
        const through = await contract(proxy.url, ['--timeout', '5000']);
        expect(byId(through.report)['05-region-wrong-not-iso']).toMatchObject({ status: 'fail', got: { status: 504 } });
        const proxied = await proxy.finish();
        expect(proxied.code).toBe(1);
        expect(proxied.report.recent).toEqual([
          expect.objectContaining({ kind: 'timeout', problems: ['no answer within 500 ms (--timeout)'] }),
        ]);
      },
    );
  }, 60_000);

  it("a wrong secret: exit 2 with the vendor's code, and every report written with that message", async () => {
    const proxy = await proxyBefore(kit.url);
    const run = await contract(proxy.url, [], { ...KEYS, ADVANCE_SECRET_KEY: 'not-the-secret' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PARAMETER_ERROR Signature error');
    expect(run.junit).toMatch(/<failure message="the token request was refused: PARAMETER_ERROR Signature error/);
    expect(run.markdown).toContain('PARAMETER_ERROR Signature error');
    expect(run.report!.configurationError).toContain('ADVANCE_SECRET_KEY');
    // The refusal is a documented answer: the proxy passes it.
    expect((await proxy.finish()).report).toMatchObject({ failures: 0, warnings: 0, checked: 1 });

    const badFlag = await contract(kit.url, ['--timeout', 'soon']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.report!.configurationError).toBe('--timeout must be a whole number from 1 to 600000 (ms), got "soon"');
    expect(badFlag.junit).toContain('<failure message="--timeout must be a whole number');
  }, 60_000);

  it("the token answer's data.token renamed: drift on generate-token, exit 1, the other cases skipped saying why", async () => {
    await drifted(
      (body) => {
        const data = body.data as { token?: unknown; expiredTime?: unknown } | null;
        if (body.code !== 'SUCCESS' || !data || typeof data.token !== 'string') return body;
        const { token, ...rest } = data;
        return { ...body, data: { ...rest, accessToken: token } };
      },
      async (upstream) => {
        const proxy = await proxyBefore(upstream.url);
        const run = await contract(proxy.url);
        expect(run.code, run.stderr + run.stdout).toBe(1);
        const results = byId(run.report);
        expect(results['00-generate-token']).toMatchObject({ status: 'fail', kind: 'schema' });
        expect(results['00-generate-token']!.received!.body).toMatchObject({ data: { accessToken: '[token]' } });
        expect(results['05-region-wrong-not-iso']).toMatchObject({ status: 'skip', reason: expect.stringContaining('no token') });
        expect(run.jsonText).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
        const proxied = await proxy.finish();
        expect(proxied.code).toBe(1);
        expect(proxied.report.recent).toEqual([expect.objectContaining({ verdict: 'fail', kind: 'schema' })]);
      },
    );
  }, 60_000);

  it('a message changed once is accepted once (--update-baseline), passes with it, and a new change fails', async () => {
    const baseline = join(dir, 'contract-baseline.json');
    await drifted(
      (body) => (body.code === 'REGION_WRONG' ? { ...body, message: 'Region is not supported' } : body),
      async (upstream) => {
        const update = await contract(upstream.url, ['--baseline', baseline, '--update-baseline']);
        expect(update.code, update.stderr + update.stdout).toBe(0);
        expect(JSON.parse(read(baseline))).toEqual({
          version: 1,
          drifts: {
            enroll: { '05-region-wrong-not-iso': { 'message-drift': 'Region is not supported' } },
            'generate-url': { '66-generate-url-region-wrong': { 'message-drift': 'Region is not supported' } },
          },
        });
        const accepted = await contract(upstream.url, ['--baseline', baseline, '--fail-on', 'warning']);
        expect(accepted.code, accepted.stdout).toBe(0);
        expect(byId(accepted.report)['05-region-wrong-not-iso']).toMatchObject({ status: 'pass', kind: 'accepted-drift' });
      },
    );
    await drifted(
      (body) => (body.code === 'REGION_WRONG' ? { ...body, message: 'Region unsupported' } : body),
      async (upstream) => {
        const changed = await contract(upstream.url, ['--baseline', baseline]);
        expect(changed.code).toBe(1);
        expect(byId(changed.report)['05-region-wrong-not-iso']).toMatchObject({
          status: 'fail',
          reason: expect.stringContaining('changed message-drift'),
        });
      },
    );
  }, 60_000);
});
