import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadImage } from './download-image.js';

let server: Server;
let base: string;
const seen: Array<{ path: string; cookie?: string; authorization?: string }> = [];
let endlessBytesSent = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url!, cookie: req.headers.cookie, authorization: req.headers.authorization });
    const path = req.url!;
    if (path === '/ok.jpg') return void res.writeHead(200, { 'content-type': 'image/jpeg; charset=binary' }).end(Buffer.from([1, 2, 3]));
    if (path === '/hop') return void res.writeHead(301, { location: '/ok.jpg' }).end();
    if (path.startsWith('/loop')) return void res.writeHead(302, { location: `/loop${path.length}` }).end();
    if (path === '/to-ftp') return void res.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end();
    if (path === '/html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    if (path === '/no-type') return void res.writeHead(200).end(Buffer.from([1]));
    if (path === '/500') return void res.writeHead(500).end();
    if (path === '/declared-big')
      return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': '5000' }).end(Buffer.alloc(5000));
    if (path === '/endless') {
      // Chunked, no length, never ends by itself: only the byte cap can stop the reader.
      res.writeHead(200, { 'content-type': 'image/png' });
      const timer = setInterval(() => {
        endlessBytesSent += 1024;
        if (!res.write(Buffer.alloc(1024))) return;
      }, 1);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (path === '/slow') return void setTimeout(() => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([1])), 2000);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('downloadImage', () => {
  it('downloads an image/jpeg body, ignoring content-type parameters', async () => {
    const got = await downloadImage(`${base}/ok.jpg`, 100);
    expect(got).toEqual({ ok: true, bytes: new Uint8Array([1, 2, 3]), contentType: 'image/jpeg' });
  });

  it('follows a redirect', async () => {
    expect(await downloadImage(`${base}/hop`, 100)).toMatchObject({ ok: true });
  });

  it('gives up after the redirect cap', async () => {
    expect(await downloadImage(`${base}/loop`, 100, { maxRedirects: 3 })).toEqual({
      ok: false,
      reason: 'failed',
      detail: 'more than 3 redirects',
    });
  });

  it('refuses a redirect to a scheme other than http(s)', async () => {
    expect(await downloadImage(`${base}/to-ftp`, 100)).toMatchObject({
      ok: false,
      reason: 'failed',
      detail: expect.stringContaining('ftp:'),
    });
  });

  it('reports a non-2xx answer as a failed download', async () => {
    expect(await downloadImage(`${base}/500`, 100)).toMatchObject({
      ok: false,
      reason: 'failed',
      detail: 'the image URL answered HTTP 500',
    });
  });

  it('reports a content type other than image/jpeg or image/png', async () => {
    expect(await downloadImage(`${base}/html`, 100)).toMatchObject({ ok: false, reason: 'content-type' });
    expect(await downloadImage(`${base}/no-type`, 100)).toMatchObject({ ok: false, reason: 'content-type' });
  });

  it('refuses a declared length over the cap without reading the body', async () => {
    expect(await downloadImage(`${base}/declared-big`, 4999)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('stops reading an endless body as soon as it passes the cap', async () => {
    endlessBytesSent = 0;
    const got = await downloadImage(`${base}/endless`, 64 * 1024, { timeoutMs: 10_000 });
    expect(got).toMatchObject({ ok: false, reason: 'too-large' });
    await new Promise((r) => setTimeout(r, 100));
    const sentAtStop = endlessBytesSent;
    await new Promise((r) => setTimeout(r, 200));
    // The server stops writing once the client has hung up: nothing more was sent after the stop.
    expect(endlessBytesSent - sentAtStop).toBeLessThan(16 * 1024);
    expect(sentAtStop).toBeLessThan(4 * 1024 * 1024);
  });

  it('times out a slow server', async () => {
    // The host answers an image after 2 s: only the 200 ms deadline answers "timed out".
    expect(await downloadImage(`${base}/slow`, 100, { timeoutMs: 200 })).toEqual({
      ok: false,
      reason: 'failed',
      detail: 'the download timed out',
    });
  });

  it('reports a refused connection as a failed download', async () => {
    expect(await downloadImage('http://127.0.0.1:9/x.jpg', 100)).toMatchObject({ ok: false, reason: 'failed' });
  });

  it('sends no credentials and no headers of the enroll request', async () => {
    seen.length = 0;
    await downloadImage(`${base}/ok.jpg`, 100);
    expect(seen).toEqual([{ path: '/ok.jpg', cookie: undefined, authorization: undefined }]);
  });

  it('downloads through an injected fetch, as the MSW adapter does with bypass', async () => {
    const calls: string[] = [];
    const got = await downloadImage('https://images.example/face.png', 100, {
      fetch: async (request) => {
        calls.push(`${request.method} ${request.url} ${request.redirect}`);
        return new Response(new Uint8Array([9]), { headers: { 'content-type': 'image/png' } });
      },
    });
    expect(calls).toEqual(['GET https://images.example/face.png manual']);
    expect(got).toMatchObject({ ok: true, bytes: new Uint8Array([9]) });
  });
});
