import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdvanceApi } from './advance-api.js';

/** What the backend remembers about one attempt: its own reference, the vendor's signatureId, the result. */
interface Attempt {
  ref: string;
  userId: string;
  signatureId: string;
  callbacks: string[];
  result?: unknown;
}

export interface JourneyApp {
  url: string;
  attempts: Map<string, Attempt>;
  close(): Promise<void>;
}

const page = readFileSync(new URL('./index.html', import.meta.url), 'utf8');

/**
 * "Your backend": three routes a team would write. POST /api/face-auth/start asks the vendor (here the kit's
 * server) for an H5 link, with return pages and a callback URL of its own; POST /api/face-auth/callback
 * receives the vendor's notification and fetches the result; GET /api/face-auth/result/:ref reads it for the
 * page. POST /api/enroll is there so the example has a face to compare with.
 */
export async function startJourneyApp({ apiBase, port = 3000 }: { apiBase: string; port?: number }): Promise<JourneyApp> {
  const api = createAdvanceApi({ baseUrl: apiBase, accessKey: 'test-access-key', secretKey: 'test-secret-key' });
  const attempts = new Map<string, Attempt>();
  // The callback carries no signature: the vendor advises an authorisation of your own in its query.
  const callbackSecret = randomUUID();
  let self = '';

  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const readJson = async (req: import('node:http').IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    return JSON.parse(text || '{}') as Record<string, string>;
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', self);
    try {
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/face-auth/done' || url.pathname === '/face-auth/failed')) {
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      }
      if (req.method === 'POST' && url.pathname === '/api/enroll') {
        const { userId, faceImage } = await readJson(req);
        return json(res, 200, await api.enroll(userId!, faceImage!, 'PHL'));
      }
      if (req.method === 'POST' && url.pathname === '/api/face-auth/start') {
        const { userId } = await readJson(req);
        const ref = randomUUID();
        const answer = await api.generateUrl({
          userId: userId!,
          region: 'PHL',
          bizId: ref,
          returnUrl: `${self}/face-auth/done?ref=${ref}`,
          failReturnUrl: `${self}/face-auth/failed?ref=${ref}`,
          callbackUrl: `${self}/api/face-auth/callback?auth=${callbackSecret}`,
        });
        if (answer.code !== 'SUCCESS' || !answer.data) return json(res, 502, { error: `${answer.code}: ${answer.message}` });
        attempts.set(ref, { ref, userId: userId!, signatureId: answer.data.signatureId, callbacks: [] });
        return json(res, 200, { ref, url: answer.data.url });
      }
      if (req.method === 'POST' && url.pathname === '/api/face-auth/callback') {
        if (url.searchParams.get('auth') !== callbackSecret) return json(res, 401, { error: 'bad callback authorisation' });
        const { signatureId, type } = await readJson(req);
        const attempt = [...attempts.values()].find((a) => a.signatureId === signatureId);
        if (!attempt) return json(res, 404, { error: 'unknown signatureId' });
        attempt.callbacks.push(type!);
        // Answer 200 quickly (anything else is retried); read the result with Get Result.
        const result = await api.getResult(signatureId!);
        if (result.code === 'SUCCESS') attempt.result = result.data;
        return json(res, 200, { ok: true });
      }
      const match = /^\/api\/face-auth\/result\/([\w-]+)$/.exec(url.pathname);
      if (req.method === 'GET' && match) {
        const attempt = attempts.get(match[1]!);
        if (!attempt) return json(res, 404, { error: 'unknown ref' });
        // The callback may be late or lost (the vendor says so): poll Get Result when it has not come.
        if (!attempt.result) {
          const result = await api.getResult(attempt.signatureId);
          if (result.code === 'SUCCESS') attempt.result = result.data;
        }
        return json(res, 200, attempt);
      }
      json(res, 404, { error: `no route ${req.method} ${url.pathname}` });
    } catch (error) {
      json(res, 500, { error: (error as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: self, attempts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// `npx tsx examples/journey/app.ts` (with the kit's server running: `npm start`).
if (import.meta.url === `file://${process.argv[1]}`) {
  const app = await startJourneyApp({
    apiBase: process.env.ADVANCE_BASE_URL ?? 'http://127.0.0.1:4010',
    port: Number(process.env.PORT ?? 3000),
  });
  console.log(`the example app is on ${app.url} (the vendor API at ${process.env.ADVANCE_BASE_URL ?? 'http://127.0.0.1:4010'})`);
}
