import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { packageRoot } from '../node/package-root.js';
import { generatedImage } from './generated-images.js';

/** The kit's fixture images (shipped in the package). */
export const imagesDir = join(packageRoot(), 'fixtures', 'images');

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
};

export interface ImageServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback server for the contract's URL cases (and the kit's URL-image tests). Routes:
 *   /images/NAME              a fixture, typed by its extension
 *   /generated/NAME           a generated image (generated-images.ts)
 *   /redirect/N/REST          N redirects, then /REST
 *   /status/CODE              that status, no body
 *   /as/TYPE/SUBTYPE/REST     /REST served with content type TYPE/SUBTYPE
 *   /callback                 the journey cases' callbackUrl: 200 to the mock's callback POST
 */
export async function startImageServer(): Promise<ImageServer> {
  const server: Server = createServer(async (req, res) => {
    // The browser run of the scenario table downloads from a page on another port: allow it (CORS).
    res.setHeader('access-control-allow-origin', '*');
    let path = new URL(req.url ?? '/', 'http://x').pathname;
    let type: string | undefined;
    const redirect = /^\/redirect\/(\d+)(\/.*)$/.exec(path);
    if (redirect) {
      const left = Number(redirect[1]);
      res.writeHead(302, { location: left > 1 ? `/redirect/${left - 1}${redirect[2]}` : redirect[2] }).end();
      return;
    }
    if (path === '/callback') return void req.resume().on('end', () => res.writeHead(200).end());
    const status = /^\/status\/(\d{3})$/.exec(path);
    if (status) return void res.writeHead(Number(status[1])).end();
    const as = /^\/as\/([^/]+\/[^/]+)(\/.*)$/.exec(path);
    if (as) [type, path] = [as[1], as[2]!];
    try {
      let body: Buffer;
      if (path.startsWith('/images/')) body = await readFile(join(imagesDir, path.slice('/images/'.length).replace(/\.\.+/g, '')));
      else if (path.startsWith('/generated/')) body = generatedImage(path.slice('/generated/'.length));
      else return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': type ?? TYPES[extname(path)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
