import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractReport } from '../../src/contract/contract-case.js';
import { startRewritingUpstream, type RewritingUpstream } from '../support/rewriting-upstream.js';
import { runCli, startCli, type RunningCli } from '../support/start-cli.js';

/**
 * The proof of `face-enroll-mock contract` as a team's CI runs it: the built bin against local servers only
 * (the kit's own with --token issued, and small upstreams in front of it that change one message or one code).
 */
const KEYS = { ADVANCE_ACCESS_KEY: 'ci-key', ADVANCE_SECRET_KEY: 'ci-secret', ADVANCE_ACCESS_TOKEN: '' };
const NO_CREDENTIALS = { ADVANCE_ACCESS_KEY: '', ADVANCE_SECRET_KEY: '', ADVANCE_ACCESS_TOKEN: '' };
let kit: RunningCli;
let dir: string;

beforeAll(async () => {
  kit = await startCli(['--token', 'issued', '--access-key', 'ci-key', '--secret-key', 'ci-secret', '--rules', 'none']);
  dir = mkdtempSync(join(tmpdir(), 'contract-reports-'));
}, 30_000);
afterAll(async () => {
  await kit.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the command against `baseUrl` with every report; returns the exit, the output and the three reports. */
async function contract(name: string, args: string[], env: NodeJS.ProcessEnv = KEYS) {
  const files = { junit: join(dir, `${name}.xml`), markdown: join(dir, `${name}.md`), json: join(dir, `${name}.json`) };
  const run = await runCli(['contract', ...args, '--junit', files.junit, '--markdown', files.markdown, '--json', files.json], env);
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const json = read(files.json);
  return {
    ...run,
    junit: read(files.junit),
    markdown: read(files.markdown),
    report: json ? (JSON.parse(json) as ContractReport) : undefined,
  };
}

describe('face-enroll-mock contract', () => {
  it("passes against the kit's server with --token issued: exit 0, mock-only cases skipped with the reason, every userId prefixed", async () => {
    await fetch(kit.url + '/__admin/requests', { method: 'DELETE' });
    const run = await contract('healthy', ['--base-url', kit.url]);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const report = run.report!;
    expect(report.totals.fail).toBe(0);
    expect(report.totals.pass).toBeGreaterThan(35);
    expect(report.results.filter((r) => r.status === 'skip').every((r) => r.reason?.startsWith('mock-only:'))).toBe(true);
    expect(run.stdout).toMatch(/^PASS 01-success-jpeg-base64 \d+ ms$/m);
    const journal = (await (await fetch(kit.url + '/__admin/requests')).json()) as { requests: Array<{ userId?: unknown }> };
    const userIds = journal.requests.map((r) => r.userId).filter((u): u is string => typeof u === 'string' && u.trim() !== '');
    expect(userIds.length).toBeGreaterThan(20);
    expect(userIds.filter((u) => !u.startsWith('contract-'))).toEqual([]);
    expect(report.enrolledUserIds).toContain('contract-user-0001');
    // The journey's cases run too, on their own paths, and the faces their given steps enrolled are counted.
    expect(report.results.find((r) => r.id === '48-get-enroll-unknown-user')).toMatchObject({ status: 'pass' });
    expect(report.results.find((r) => r.id === '70-get-result-pass')).toMatchObject({
      status: 'skip',
      reason: expect.stringContaining('admin API'),
    });
    expect(report.enrolledUserIds).toContain('contract-journey-0047');
    // It cleans up after itself: every user it enrolled is removed again with delete-enroll.
    expect(report.removedUserIds).toEqual(report.enrolledUserIds);
    const left = (await (await fetch(kit.url + '/__admin/enrollments')).json()) as { enrollments: Array<{ userId: string }> };
    expect(left.enrollments.filter((e) => e.userId.startsWith('contract-'))).toEqual([]);
  }, 60_000);

  it("exits 2 naming the vendor's code and message and the variable to check when the token request is refused", async () => {
    const run = await contract('wrong-secret', ['--base-url', kit.url], { ...KEYS, ADVANCE_SECRET_KEY: 'not-the-secret' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PARAMETER_ERROR Signature error');
    expect(run.stderr).toContain('ADVANCE_SECRET_KEY');
    expect(run.stderr).not.toContain('TypeError');
  }, 60_000);

  it('exits 2 for a --base-url without credentials, instead of skipping every case', async () => {
    const run = await contract('no-credentials', ['--base-url', kit.url], NO_CREDENTIALS);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('face-enroll-mock contract: --base-url');
    expect(run.stderr).toContain('ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY');
    expect(run.report!.configurationError).toContain('ADVANCE_ACCESS_KEY and ADVANCE_SECRET_KEY');
  });

  describe('against an upstream that changed one message', () => {
    let upstream: RewritingUpstream;
    beforeAll(async () => {
      upstream = await startRewritingUpstream(kit.url, (body) =>
        body.code === 'REGION_WRONG' ? { ...body, message: 'Region is not supported' } : body,
      );
    });
    afterAll(() => upstream.close());

    it('exits 0 and reports the drift as a warning in the output, JUnit, Markdown and JSON', async () => {
      const run = await contract('message-drift', ['--base-url', upstream.url]);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      const drift = run.report!.results.filter((r) => r.status === 'warn');
      // Every REGION_WRONG answer changed: Save Enroll's and Generate URL's.
      expect(drift.map((r) => [r.id, r.kind])).toEqual([
        ['05-region-wrong-not-iso', 'message-drift'],
        ['66-generate-url-region-wrong', 'message-drift'],
      ]);
      expect(run.stdout).toMatch(/^WARN 05-region-wrong-not-iso .*message drift/m);
      expect(run.junit).toMatch(
        /name="05-region-wrong-not-iso[^"]*"[^>]*>\s*<properties><property name="warning" value="message drift[^"]*"\/><\/properties>\s*<system-out>WARNING message drift: expected &quot;Region is wrong&quot;, got &quot;Region is not supported&quot;/,
      );
      expect(run.markdown).toMatch(
        /## Warnings \(2\)[\s\S]*\| 05-region-wrong-not-iso: [^|]* \| message-drift \| message drift: expected "Region is wrong", got "Region is not supported"/,
      );
    }, 60_000);
  });

  describe('against an upstream that changed one code', () => {
    let upstream: RewritingUpstream;
    beforeAll(async () => {
      upstream = await startRewritingUpstream(kit.url, (body) =>
        body.code === 'REGION_WRONG' ? { ...body, code: 'REGION_INVALID' } : body,
      );
    });
    afterAll(() => upstream.close());

    it('exits 1 and names the case in JUnit and Markdown', async () => {
      const run = await contract('code-drift', ['--base-url', upstream.url]);
      expect(run.code, run.stderr + run.stdout).toBe(1);
      expect(run.report!.results.filter((r) => r.status === 'fail').map((r) => [r.id, r.kind])).toEqual([
        ['05-region-wrong-not-iso', 'code-drift'],
        ['66-generate-url-region-wrong', 'code-drift'],
      ]);
      expect(run.junit).toMatch(/<testsuite [^>]*failures="2"/);
      expect(run.junit).toMatch(
        /name="05-region-wrong-not-iso[^"]*"[^>]*>\s*<failure message="expected code REGION_WRONG, got HTTP 200 REGION_INVALID/,
      );
      expect(run.markdown).toMatch(/## Failed \(2\)[\s\S]*\| 05-region-wrong-not-iso: [^|]* \| code-drift \|/);
      expect(run.stdout).toMatch(/^FAIL 05-region-wrong-not-iso/m);
    }, 60_000);
  });

  it("checks the kit's own in-process server without --base-url: every case runs and passes", async () => {
    const run = await contract('self-check', [], NO_CREDENTIALS);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.report!.mode).toBe('mock');
    expect(run.report!.totals).toMatchObject({ fail: 0, warn: 0, skip: 0 });
    expect(run.report!.totals.pass).toBe(run.report!.results.length);
  }, 60_000);

  it('runs the URL cases from the files of fixtures export, served by a static host (--image-base-url)', async () => {
    const images = join(dir, 'images');
    const exported = await runCli(['fixtures', 'export', images]);
    expect(exported.code, exported.stderr).toBe(0);
    const types: Record<string, string> = { '.jpg': 'image/jpeg', '.png': 'image/png', '.html': 'text/html' };
    const host: Server = createServer((req, res) => {
      try {
        const body = readFileSync(join(images, decodeURIComponent(new URL(req.url!, 'http://x').pathname.slice(1)).replace(/\.\.+/g, '')));
        res.writeHead(200, { 'content-type': types[extname(req.url!)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}/fixtures`.replace('/fixtures', '');
      const run = await contract('static-images', ['--base-url', kit.url, '--image-base-url', base, '--only', 'url']);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      const byId = Object.fromEntries(run.report!.results.map((r) => [r.id, r]));
      for (const id of [
        '03-success-jpeg-url',
        '17-cannot-download-404',
        '24-file-length-zero-url',
        '29-invalid-size-over-2mb-url',
        '33-invalid-format-url-content-type',
      ])
        expect(byId[id]?.status, id).toBe('pass');
      expect(byId['04-success-png-url-redirect']).toMatchObject({ status: 'skip', reason: expect.stringContaining('static files') });
    } finally {
      host.closeAllConnections();
      host.close();
    }
  }, 60_000);

  it('exits 2 for a bad flag, with the message style of serve', async () => {
    const run = await runCli(['contract', '--base-url', 'sg-api.advance.ai'], KEYS);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^face-enroll-mock contract: --base-url must be an http\(s\) URL such as https:\/\/sg-api.advance.ai, got "sg-api.advance.ai"/,
    );
  });
});
