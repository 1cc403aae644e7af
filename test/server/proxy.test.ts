import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { startCli, type RunningCli } from '../support/start-cli.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const post = (base: string, body: unknown) =>
  fetch(base + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('face-enroll-mock proxy', () => {
  let upstream: RunningCli;
  let proxy: RunningCli;
  let wrong: Server;
  let wrongProxy: RunningCli;

  beforeAll(async () => {
    upstream = await startCli(['--rules', 'none']);
    proxy = await startCli(['--upstream', upstream.url], {}, 'proxy');
    // An upstream that answers off-contract: an undocumented message and a missing field.
    wrong = createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 'SUCCESS', message: 'Enrolled!', data: null, extra: null, transactionId: 'abc' })),
      );
    });
    await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve));
    wrongProxy = await startCli(['--upstream', `http://127.0.0.1:${(wrong.address() as AddressInfo).port}`], {}, 'proxy');
  }, 60_000);

  afterAll(async () => {
    await Promise.all([proxy.stop(), upstream.stop(), wrongProxy.stop()]);
    wrong.close();
  });

  it('forwards requests and answers unchanged, and counts conforming answers as checked', async () => {
    const good = await post(proxy.url, { faceImage: face, userId: 'proxied', region: 'PHL' });
    const bad = await post(proxy.url, { faceImage: face, userId: 'proxied', region: 'XYZ' });
    expect([good.status, good.body.code, bad.body.code]).toEqual([200, 'SUCCESS', 'REGION_WRONG']);
    const enrolled = await (await fetch(upstream.url + '/__admin/enrollments/proxied')).json();
    expect(enrolled.enrollments).toHaveLength(1);
    const stats = await (await fetch(proxy.url + '/__admin/violations')).json();
    expect(stats).toMatchObject({ requests: 2, checked: 2, violations: 0, recent: [] });
  });

  it('reports an upstream answer that breaks the spec, and passes it on as it came', async () => {
    const answer = await post(wrongProxy.url, { faceImage: face, userId: 'u', region: 'PHL' });
    expect(answer.body).toEqual({ code: 'SUCCESS', message: 'Enrolled!', data: null, extra: null, transactionId: 'abc' });
    const stats = await (await fetch(wrongProxy.url + '/__admin/violations')).json();
    expect(stats.violations).toBe(1);
    expect(stats.recent[0]).toMatchObject({ verdict: 'fail', kind: 'schema', problems: [expect.stringContaining('pricingStrategy')] });
    expect(JSON.parse(await wrongProxy.waitForLine(/contract violation from upstream/))).toMatchObject({ level: 50, path: enrollPath });
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    const orphan = await startCli(['--upstream', 'http://127.0.0.1:9'], {}, 'proxy');
    try {
      const response = await fetch(orphan.url + enrollPath, { method: 'POST', body: '{}' });
      expect([response.status, await response.text()]).toEqual([502, expect.stringContaining('502 Bad Gateway')]);
    } finally {
      await orphan.stop();
    }
  });
});
