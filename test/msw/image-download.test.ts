import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEnrollMock } from '../../mocks/index.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { freePort } from '../support/free-port.js';

const faceBytes = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url));
const BASE = 'https://api.advance.ai';
const mock = createEnrollMock({ baseUrls: [BASE] });
const server = setupServer(...mock.handlers);
/**
 * A loopback server that answers the face at /photo?id=N: a URL without an image extension, which MSW would
 * report as unhandled (it lets URLs ending in .jpg through as static assets whatever the strategy).
 */
let photos: Server;
let photosUrl: string;
/** A loopback port nothing listens on: a download that is not answered by the test's handler fails there. */
let closedPort: number;

beforeAll(async () => {
  photos = createServer((_request, response) => response.writeHead(200, { 'content-type': 'image/jpeg' }).end(faceBytes));
  await new Promise<void>((resolve) => photos.listen(0, '127.0.0.1', resolve));
  photosUrl = `http://127.0.0.1:${(photos.address() as AddressInfo).port}`;
  closedPort = await freePort();
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => server.resetHandlers());
afterAll(async () => {
  server.close();
  photos.closeAllConnections();
  await new Promise((resolve) => photos.close(resolve));
});

const enrollUrl = (faceImage: string, userId: string) =>
  fetch(BASE + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body: JSON.stringify({ faceImage, userId, region: 'PHL' }),
  }).then((response) => response.json() as Promise<{ code: string; message: string }>);

describe('image URLs under MSW in Node', () => {
  it("downloads the image through the test's own http.get handler: the enroll succeeds from its bytes", async () => {
    const imageUrl = `http://127.0.0.1:${closedPort}/cdn/photo?id=1`;
    const asked: string[] = [];
    server.use(
      http.get(imageUrl.split('?')[0]!, ({ request }) => {
        asked.push(request.url);
        return HttpResponse.arrayBuffer(faceBytes.buffer.slice(faceBytes.byteOffset, faceBytes.byteOffset + faceBytes.byteLength), {
          headers: { 'content-type': 'image/jpeg' },
        });
      }),
    );
    expect(await enrollUrl(imageUrl, 'msw-image-1')).toMatchObject({ code: 'SUCCESS' });
    expect(asked).toEqual([imageUrl]);
    expect(mock.journal.list().requests.at(-1)).toMatchObject({ userId: 'msw-image-1', faceImageKind: 'url', image: { format: 'jpeg' } });
  });

  it("answers the test's handler's failure as the download's: a 404 from the handler is the vendor's download error", async () => {
    const imageUrl = `http://127.0.0.1:${closedPort}/cdn/photo?id=2`;
    server.use(http.get(imageUrl.split('?')[0]!, () => new HttpResponse(null, { status: 404 })));
    const answer = await enrollUrl(imageUrl, 'msw-image-2');
    expect(answer.code).not.toBe('SUCCESS');
    expect(mock.journal.list().requests.at(-1)?.detail).toContain('HTTP 404');
  });

  it('answers a download that fails on the network with the download error, and MSW prints nothing', async () => {
    const printed = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')];
    try {
      const answer = await enrollUrl(`http://127.0.0.1:${closedPort}/cdn/unreachable.png`, 'msw-image-4');
      expect(answer.code).toBe('PARAMETER_ERROR');
      expect(mock.journal.list().requests.at(-1)?.outcome).toBe('PARAMETER_ERROR_CANNOT_DOWNLOAD');
      expect(printed.flatMap((spy) => spy.mock.calls)).toEqual([]);
    } finally {
      for (const spy of printed) spy.mockRestore();
    }
  });

  it('lets a URL no handler answers through to the network (here a loopback server), with onUnhandledRequest: error', async () => {
    expect(await enrollUrl(`${photosUrl}/photo?id=3`, 'msw-image-3')).toMatchObject({ code: 'SUCCESS' });
  });
});
