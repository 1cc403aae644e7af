import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublicUrl } from '../../src/responder/journey/check-public-url.js';
import { enrollPath, generateUrlPath, getEnrollPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { runCli, startCli } from '../support/start-cli.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url));

/**
 * A reverse proxy on loopback, as a team puts in front of the mock: it mounts the mock under /mock, strips the
 * prefix and forwards with its own Host header, so the mock never sees the address its clients use.
 */
function startPrefixProxy(target: () => string): Promise<{ server: Server; url: string }> {
  const server = createServer((incoming, outgoing) => {
    if (!incoming.url?.startsWith('/mock/')) return outgoing.writeHead(404).end();
    const to = new URL(incoming.url.slice('/mock'.length), target());
    const forwarded = httpRequest(to, { method: incoming.method, headers: { ...incoming.headers, host: to.host } }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    incoming.pipe(forwarded);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

const post = async (url: string, body: unknown) =>
  (await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body: JSON.stringify(body),
  }).then((r) => r.json())) as { code: string; data: Record<string, unknown> };

describe('--public-url: the mock behind a proxy', () => {
  let mock: MockServer;
  let mockUrl: string;
  let proxy: { server: Server; url: string };

  beforeAll(async () => {
    proxy = await startPrefixProxy(() => mockUrl);
    mock = await createMockServer({ publicUrl: `${proxy.url}/mock/`, callback: { retries: 0 } });
    mockUrl = await mock.listen(0);
  });
  afterAll(async () => {
    await mock.close();
    await new Promise((resolve) => proxy.server.close(resolve));
  });

  it("builds get-enroll's image URLs on the public URL, and they load through the proxy", async () => {
    const base = `${proxy.url}/mock`;
    expect((await post(base + enrollPath, { faceImage: face.toString('base64'), userId: 'proxied-1', region: 'PHL' })).code).toBe(
      'SUCCESS',
    );
    const { data } = await post(base + getEnrollPath, { userId: 'proxied-1' });
    const [link] = data.imageUrlList as string[];
    expect(link).toMatch(new RegExp(`^${base}/__mock/faces/`));
    const image = await fetch(link!);
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await image.arrayBuffer()).equals(face)).toBe(true);
  });

  it('builds the H5 url on the public URL, and the page loads through the proxy', async () => {
    const base = `${proxy.url}/mock`;
    const { code, data } = await post(base + generateUrlPath, {
      returnUrl: 'https://app.example/done',
      failReturnUrl: 'https://app.example/failed',
      callbackUrl: 'https://app.example/callback',
      userId: 'proxied-1',
      region: 'PHL',
    });
    expect(code).toBe('SUCCESS');
    expect(data.url).toBe(`${base}/__mock/h5/${String(data.signatureId)}`);
    const page = await fetch(data.url as string);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/html/)]);
  });

  it("without it, builds them on http:// and the request's Host header (behind a proxy, an address clients may not reach)", async () => {
    const plain = await createMockServer({});
    const plainUrl = await plain.listen(0);
    try {
      const { data } = await post(plainUrl + generateUrlPath, {
        returnUrl: 'https://app.example/done',
        failReturnUrl: 'https://app.example/failed',
        callbackUrl: 'https://app.example/callback',
        userId: 'proxied-2',
        region: 'PHL',
      });
      expect(data.url).toBe(`${plainUrl}/__mock/h5/${String(data.signatureId)}`);
    } finally {
      await plain.close();
    }
  });
});

describe('the public URL option', () => {
  it('is taken from the CLI flag (a trailing slash dropped)', async () => {
    // An address nothing here connects to: only the string the mock hands out is read.
    const cli = await startCli(['--public-url', 'https://mock.example.test/base/']);
    try {
      const { data } = await post(cli.url + generateUrlPath, {
        returnUrl: 'https://app.example/done',
        failReturnUrl: 'https://app.example/failed',
        callbackUrl: 'https://app.example/callback',
        userId: 'cli-1',
        region: 'PHL',
      });
      expect(data.url).toMatch(/^https:\/\/mock\.example\.test\/base\/__mock\/h5\/[0-9a-f]{16}$/);
    } finally {
      await cli.stop();
    }
  });

  it('refuses a value the mock cannot append paths to, naming it', async () => {
    expect(await runCli(['serve', '--public-url', 'ftp://mock.example.test'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--public-url: the public URL must use http or https, got "ftp://mock.example.test"'),
    });
    expect(checkPublicUrl('https://mock.example.test/x?a=1')).toMatchObject({ ok: false, error: expect.stringContaining('query') });
    expect(checkPublicUrl('mock.example.test')).toMatchObject({ ok: false, error: expect.stringContaining('absolute http(s) URL') });
    await expect(createMockServer({ publicUrl: 'https://u:p@mock.example.test' })).rejects.toThrow(/publicUrl option \(CLI --public-url\)/);
  });
});
