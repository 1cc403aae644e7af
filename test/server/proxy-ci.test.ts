import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractCases } from '../../src/contract/load-contract-cases.js';
import { materializeCase } from '../../src/contract/materialize-case.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { runCli, startCli, type RunningCli } from '../support/start-cli.js';

const faceBytes = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url));
const face = faceBytes.toString('base64');
const faceSha = createHash('sha256').update(faceBytes).digest('hex');
const post = (base: string, body: unknown, token = 'secret-token-value') =>
  fetch(base + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': token },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('face-enroll-mock proxy in CI', () => {
  let dir: string;
  let kit: RunningCli;
  let wrong: Server;
  let wrongUrl: string;
  const wrongSaw: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'proxy-ci-'));
    kit = await startCli(['--rules', 'none']);
    // An upstream that answers every request off-contract, and notes every path it is asked for.
    wrong = createServer((req, res) => {
      wrongSaw.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 'SUCCESS', message: 'Enrolled!', data: null, extra: null, transactionId: 'abc' })),
      );
    });
    await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve));
    wrongUrl = `http://127.0.0.1:${(wrong.address() as AddressInfo).port}`;
  }, 30_000);

  afterAll(async () => {
    await kit.stop();
    wrong.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--fail-on-violation exits 1 at shutdown after a violation, and --report writes the violations', async () => {
    const report = join(dir, 'violations.json');
    const proxy = await startCli(['--upstream', wrongUrl, '--fail-on-violation', '--report', report], {}, 'proxy');
    await post(proxy.url, { faceImage: face, userId: 'u', region: 'PHL' });
    expect(await proxy.stop('SIGTERM')).toBe(1);
    const written = JSON.parse(readFileSync(report, 'utf8'));
    expect(written).toMatchObject({ upstream: wrongUrl, violations: 1, recent: [{ path: enrollPath, status: 200 }] });
    expect(written.recent[0]).toMatchObject({
      verdict: 'fail',
      kind: 'schema',
      problems: [expect.stringContaining("must have required property 'pricingStrategy'")],
    });
  });

  it('--fail-on-violation exits 0 when every answer conformed', async () => {
    const proxy = await startCli(['--upstream', kit.url, '--fail-on-violation'], {}, 'proxy');
    expect((await post(proxy.url, { faceImage: face, userId: 'u', region: 'PHL' })).body.code).toBe('SUCCESS');
    expect(await proxy.stop('SIGTERM')).toBe(0);
  });

  it('answers /__admin/* itself, never upstream: DELETE empties the list, POST /__admin/report writes it now', async () => {
    const report = join(dir, 'on-demand.json');
    const proxy = await startCli(['--upstream', wrongUrl, '--report', report], {}, 'proxy');
    try {
      wrongSaw.length = 0;
      await post(proxy.url, { faceImage: face, userId: 'u', region: 'PHL' });
      const unknown = await fetch(proxy.url + '/__admin/requests');
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error).toContain('GET and DELETE /__admin/violations');
      expect((await (await fetch(proxy.url + '/__admin/report', { method: 'POST' })).json()).written).toBe(report);
      expect(JSON.parse(readFileSync(report, 'utf8')).violations).toBe(1);
      const cleared = await (await fetch(proxy.url + '/__admin/violations', { method: 'DELETE' })).json();
      expect(cleared).toMatchObject({ violations: 0, recent: [] });
      expect((await (await fetch(proxy.url + '/__admin/violations')).json()).recent).toEqual([]);
      expect(wrongSaw).toEqual([`POST ${enrollPath}`]);
    } finally {
      await proxy.stop();
    }
  });

  it('writes log lines with one time field', async () => {
    const proxy = await startCli(['--upstream', wrongUrl], {}, 'proxy');
    try {
      await post(proxy.url, { faceImage: face, userId: 'u', region: 'PHL' });
      const line = await proxy.waitForLine(/contract violation from upstream/);
      expect(line.match(/"time":/g)).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  });

  it('says the port is taken, as serve does', async () => {
    const port = new URL(kit.url).port;
    const run = await runCli(['proxy', '--upstream', kit.url, '--port', port]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`face-enroll-mock proxy: cannot listen on 127.0.0.1:${port}`);
    expect(run.stderr).toContain(`Port ${port} is taken: pass --port with another, or --port 0 for a free one.`);
  });

  it('--record writes each exchange as a scenario file: the image as its digest, no token, the decided outcome', async () => {
    const records = join(dir, 'records');
    const proxy = await startCli(['--upstream', kit.url, '--record', records], {}, 'proxy');
    try {
      await post(proxy.url, { faceImage: face, userId: 'recorded-1', region: 'PHL' });
      await post(proxy.url, { faceImage: face, userId: 'recorded-2', region: 'XYZ' });
    } finally {
      await proxy.stop();
    }
    const files = readdirSync(records).sort();
    expect(files).toHaveLength(2);
    const texts = files.map((f) => readFileSync(join(records, f), 'utf8'));
    for (const text of texts) {
      expect(text).not.toContain(face.slice(0, 64));
      expect(text).not.toContain('secret-token-value');
    }
    const [success, regionWrong] = texts.map((t) => parse(t));
    expect(success.request).toEqual({
      headers: { 'Content-Type': 'application/json', 'X-ACCESS-TOKEN': 'scenario-token' },
      body: {
        faceImage: { $recorded: { sha256: faceSha, bytes: faceBytes.length, format: 'jpeg', width: 512, height: 512 } },
        userId: 'recorded-1',
        region: 'PHL',
      },
    });
    expect(success.expect).toEqual({ outcome: 'SUCCESS', status: 200, code: 'SUCCESS', message: 'OK' });
    expect(regionWrong.expect).toEqual({ outcome: 'REGION_WRONG', status: 200, code: 'REGION_WRONG', message: 'Region is wrong' });
    expect(success.note).toContain(`faceImageSha256: ${faceSha}`);

    // The record is a case in the table's format; replaying it says why it needs the image back.
    const [recorded] = loadContractCases(records);
    const replay = await materializeCase(recorded!, {
      images: { bytes: () => new Uint8Array(), url: () => ({ url: '' }) },
      userPrefix: '',
      token: 't',
    });
    expect(replay).toEqual({ skip: expect.stringContaining(faceSha) });

    // And the digest it keeps is the one a faceImageSha256 rule matches.
    const rules = join(dir, 'rules.yaml');
    writeFileSync(
      rules,
      `rules:\n  - match: { faceImageSha256: '${success.request.body.faceImage.$recorded.sha256}' }\n    outcome: ERROR\n`,
    );
    const ruled = await startCli(['--rules', rules]);
    try {
      expect((await post(ruled.url, { faceImage: face, userId: 'u', region: 'PHL' })).body.code).toBe('ERROR');
    } finally {
      await ruled.stop();
    }
  });
});
