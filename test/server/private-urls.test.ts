import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enrollPath, generateUrlPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { startImageServer, type ImageServer } from '../support/image-server.js';
import { startCli } from '../support/start-cli.js';

let images: ImageServer;
let open: MockServer;
let guarded: MockServer;
const urls: Record<string, string> = {};

beforeAll(async () => {
  images = await startImageServer();
  open = await createMockServer({ privateUrls: 'allow' });
  guarded = await createMockServer({ privateUrls: 'refuse' });
  urls.open = await open.listen(0);
  urls.guarded = await guarded.listen(0);
});
afterAll(async () => {
  await Promise.all([open.close(), guarded.close(), images.close()]);
});

const enroll = async (base: string, faceImage: string) =>
  (await (
    await fetch(base + enrollPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': 't' },
      body: JSON.stringify({ faceImage, userId: 'u', region: 'PHL' }),
    })
  ).json()) as { code: string; message: string };

describe('image URLs on private and loopback addresses', () => {
  it('are downloaded when allowed', async () => {
    expect((await enroll(urls.open!, `${images.url}/images/face.jpg`)).code).toBe('SUCCESS');
  });

  it('are refused as "Face image cannot download" when refused, by address and by name', async () => {
    for (const url of [`${images.url}/images/face.jpg`, `${images.url.replace('127.0.0.1', 'localhost')}/images/face.jpg`]) {
      expect(await enroll(urls.guarded!, url)).toEqual(
        expect.objectContaining({ code: 'PARAMETER_ERROR', message: 'Face image cannot download' }),
      );
    }
    const journal = await (await fetch(urls.guarded + '/__admin/requests')).json();
    expect(journal.requests.at(-1).detail).toContain('private or loopback address');
  });

  it('are refused through the CLI with --private-urls refuse, and allowed by default on loopback', async () => {
    const refusing = await startCli(['--private-urls', 'refuse', '--rules', 'none']);
    const defaults = await startCli(['--rules', 'none']);
    try {
      expect((await enroll(refusing.url, `${images.url}/images/face.jpg`)).message).toBe('Face image cannot download');
      expect((await enroll(defaults.url, `${images.url}/images/face.jpg`)).code).toBe('SUCCESS');
    } finally {
      await Promise.all([refusing.stop(), defaults.stop()]);
    }
  });
});

describe('callbacks to private addresses', () => {
  it('are not delivered by a server that refuses private URLs, and every refused attempt is journaled', async () => {
    let received = 0;
    const receiver = createServer((_req, res) => (received++, res.writeHead(200).end()));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const callbackUrl = `http://localhost:${(receiver.address() as AddressInfo).port}/callback`;
    try {
      const started = await (
        await fetch(urls.guarded + generateUrlPath, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-access-token': 't' },
          body: JSON.stringify({
            returnUrl: 'https://app.example/ok',
            failReturnUrl: 'https://app.example/fail',
            callbackUrl,
            userId: 'cb-user',
            region: 'PHL',
          }),
        })
      ).json();
      const signatureId = started.data.signatureId as string;
      const done = await (
        await fetch(`${urls.guarded}/__admin/authentications/${signatureId}/complete`, {
          method: 'POST',
          body: JSON.stringify({ result: 'FAIL', waitForCallback: true }),
        })
      ).json();
      expect(done.callbackAttempts.length).toBeGreaterThan(0);
      expect(done.callbackAttempts.every((a: { status: number }) => a.status === 0)).toBe(true);
      expect(received).toBe(0);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  }, 30_000);
});
