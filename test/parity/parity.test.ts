import { readFileSync } from 'node:fs';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollMock } from '../../mocks/index.js';
import { enrollPath, getEnrollPath, tokenPath } from '../../src/generated/outcomes.js';
import type { Journal } from '../../src/state/create-journal.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { freePort } from '../support/free-port.js';

/**
 * One table of requests that the server and MSW once answered differently, sent by the same client code (node:http,
 * which MSW intercepts in Node) to the server on loopback and to MSW, with the same expectations for both.
 * Not in the table, by design: a CORS preflight (the server's HTTP layer; a browser never sends one through MSW) and
 * a path that is no operation's (MSW answers only the API's paths, so the app's other requests are left alone).
 */
interface ParityCase {
  name: string;
  method?: string;
  path?: string;
  /** Name and value pairs, a name repeated as often as it is sent. */
  headers?: [string, string][];
  body?: string | Buffer;
  want: {
    /** 0: a network error (the connection reset), no answer at all. */
    status: number;
    /** The envelope's code; absent for the gateway's HTML pages (404, 405, 413). */
    code?: string;
    /** Whether the answer is journaled (an operation's decision) or not (the gateway's pages). */
    journaled: boolean;
    /** Text the body holds (the gateway's nginx page, the mock's own error). */
    contains?: string;
  };
}

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const json: [string, string] = ['content-type', 'application/json'];
const token: [string, string] = ['x-access-token', 'tok'];
const enrollBody = (userId: string) => JSON.stringify({ faceImage: face, userId, region: 'PHL' });
const BOM = '\uFEFF';
const signedTokenBody = async () => {
  const timestamp = String(Date.now());
  const bytes = new TextEncoder().encode(`test-access-keytest-secret-key${timestamp}`);
  const signature = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  return JSON.stringify({ accessKey: 'test-access-key', timestamp, signature });
};

const cases: ParityCase[] = [
  { name: 'a plain enroll', headers: [json, token], body: enrollBody('plain'), want: { status: 200, code: 'SUCCESS', journaled: true } },
  {
    name: 'a UTF-8 byte order mark before the JSON is read past',
    headers: [json, token],
    body: BOM + enrollBody('bom'),
    want: { status: 200, code: 'SUCCESS', journaled: true },
  },
  {
    name: 'a byte order mark before a signed generate-token body is read past',
    path: tokenPath,
    headers: [json],
    body: 'signed-token',
    want: { status: 200, code: 'SUCCESS', journaled: true },
  },
  {
    name: 'a byte order mark before a get-enroll body is read past',
    path: getEnrollPath,
    headers: [json, token],
    body: BOM + JSON.stringify({ userId: 'nobody-enrolled' }),
    want: { status: 200, code: 'SUCCESS', journaled: true },
  },
  {
    name: 'a trailing slash is another path: the gateway 404',
    path: `${enrollPath}/`,
    headers: [json, token],
    body: enrollBody('slash'),
    want: { status: 404, journaled: false, contains: 'nginx' },
  },
  {
    name: 'another letter case is another path: the gateway 404',
    path: enrollPath.toUpperCase(),
    headers: [json, token],
    body: enrollBody('upper'),
    want: { status: 404, journaled: false, contains: 'nginx' },
  },
  {
    name: 'two Content-Type headers are read as one joined value, not JSON',
    headers: [json, ['content-type', 'text/plain'], token],
    body: enrollBody('two-types'),
    want: { status: 200, code: 'PARAMETER_ERROR', journaled: true },
  },
  {
    name: 'two identical Content-Type headers are not JSON either',
    headers: [json, json, token],
    body: enrollBody('same-types'),
    want: { status: 200, code: 'PARAMETER_ERROR', journaled: true },
  },
  {
    name: 'a body over 8 MiB gets the gateway 413',
    headers: [json, token],
    body: Buffer.alloc(8 * 1024 * 1024 + 1, 'a'),
    want: { status: 413, journaled: false, contains: 'nginx' },
  },
  { name: 'a GET of an operation is the gateway 405', method: 'GET', want: { status: 405, journaled: false, contains: 'nginx' } },
  { name: 'a HEAD of an operation is the gateway 405', method: 'HEAD', want: { status: 405, journaled: false } },
  {
    name: 'a PUT of an operation is the gateway 405',
    method: 'PUT',
    headers: [json],
    body: '{}',
    want: { status: 405, journaled: false, contains: 'nginx' },
  },
  { name: 'an empty body is not JSON', headers: [json, token], body: '', want: { status: 200, code: 'PARAMETER_ERROR', journaled: true } },
  {
    name: 'a charset parameter on the content type is JSON',
    headers: [['content-type', 'application/json; charset=utf-8'], token],
    body: enrollBody('charset'),
    want: { status: 200, code: 'SUCCESS', journaled: true },
  },
  {
    name: 'a gzip body is read as sent (the API does not decompress): not JSON',
    headers: [json, ['content-encoding', 'gzip'], token],
    body: gzipSync(enrollBody('gzip')),
    want: { status: 200, code: 'PARAMETER_ERROR', journaled: true },
  },
  {
    name: 'bytes that are not UTF-8 are read as U+FFFD: the userId is invalid',
    headers: [json, token],
    body: Buffer.concat([Buffer.from(`{"faceImage":"${face}","region":"PHL","userId":"a`), Buffer.from([0xff]), Buffer.from('"}')]),
    want: { status: 200, code: 'PARAMETER_ERROR', journaled: true },
  },
  {
    name: 'a raw line break inside a long faceImage (MIME-style base64 lines) is not JSON',
    headers: [json, token],
    body: JSON.stringify({ faceImage: face, userId: 'raw-break', region: 'PHL' }).replace(face, face.replace(/.{76}/g, '$&\n')),
    want: { status: 200, code: 'PARAMETER_ERROR', journaled: true, contains: 'Parameter error,please check you input.' },
  },
  {
    name: 'a raw tab inside a long member the API ignores is not JSON either',
    headers: [json, token],
    body: JSON.stringify({ faceImage: face, userId: 'raw-tab', region: 'PHL', note: `${'n'.repeat(5000)}\t` }).replace('\\t', '\t'),
    want: { status: 200, code: 'PARAMETER_ERROR', journaled: true },
  },
  {
    name: 'a query string is not part of the path',
    path: `${enrollPath}?source=app`,
    headers: [json, token],
    body: enrollBody('query'),
    want: { status: 200, code: 'SUCCESS', journaled: true },
  },
  {
    name: "a HEAD of the mock's own resource reaches it: 404 for a face it does not hold",
    method: 'HEAD',
    path: '/__mock/faces/unknown',
    want: { status: 404, journaled: false },
  },
  {
    name: "a DELETE of the mock's own resource reaches it and says what is not there",
    method: 'DELETE',
    path: '/__mock/faces/unknown',
    want: { status: 404, journaled: false, contains: 'the mock serves nothing at /__mock/faces/unknown' },
  },
  {
    name: 'X-Mock-Fault: reset is a network error',
    headers: [json, token, ['x-mock-fault', 'reset']],
    body: enrollBody('reset'),
    want: { status: 0, journaled: true },
  },
  {
    name: 'X-Mock-Fault: gateway-502 is the gateway page',
    headers: [json, token, ['x-mock-fault', 'gateway-502']],
    body: enrollBody('gateway'),
    want: { status: 502, journaled: true, contains: 'nginx' },
  },
  {
    name: 'an OPTIONS that is no CORS preflight is answered 204 with what the path takes',
    method: 'OPTIONS',
    want: { status: 204, journaled: false },
  },
  {
    name: 'a namespace that is no name is CLIENT_ERROR',
    headers: [json, token, ['x-mock-namespace', 'no spaces allowed']],
    body: enrollBody('namespace'),
    want: { status: 400, code: 'CLIENT_ERROR', journaled: false },
  },
  {
    name: 'a repeated X-Access-Token is one joined value',
    headers: [json, token, token],
    body: enrollBody('two-tokens'),
    want: { status: 200, code: 'SUCCESS', journaled: true },
  },
];

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

/** Sends a case over node:http (headers as sent, a name repeated), resolving on the answer's end. */
function send(origin: string, { method = 'POST', path = enrollPath, headers = [] }: ParityCase, text: string | Buffer | undefined) {
  return new Promise<Reply>((resolve, reject) => {
    const url = new URL(origin + path);
    // Node adds no Host of its own to headers given as a list.
    const flat = ['host', url.host, ...headers.flat()];
    if (text !== undefined) flat.push('content-length', String(Buffer.byteLength(text)));
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: flat },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            contentType: String(response.headers['content-type']),
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    // A reset is no answer: ECONNRESET from a socket, MSW's "Network error" for HttpResponse.error(). Anything else
    // (a refused connection: MSW did not answer) fails the case.
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.message === 'Network error' ? resolve({ status: 0, contentType: '', body: '' }) : reject(error),
    );
    request.end(text);
  });
}

/** The code of a JSON envelope, or the gateway's HTML page as what it is. */
const codeOf = (reply: Reply) =>
  reply.body && reply.contentType.startsWith('application/json') ? (JSON.parse(reply.body) as { code?: string }).code : undefined;

let server: MockServer;
let serverOrigin: string;
let mswOrigin: string;
let mock: ReturnType<typeof createEnrollMock>;
let msw: ReturnType<typeof setupServer>;

beforeAll(async () => {
  server = await createMockServer();
  serverOrigin = await server.listen(0, '127.0.0.1');
  // A loopback port nothing listens on: MSW answers it, and anything MSW let through would go nowhere.
  mswOrigin = `http://127.0.0.1:${await freePort()}`;
  mock = createEnrollMock({ baseUrls: [mswOrigin] });
  msw = setupServer(...mock.handlers);
});
afterAll(async () => {
  await server.close();
});

describe.each([
  [
    'the server (HTTP on loopback)',
    () => ({ origin: serverOrigin, journal: server.journal, around: async <T>(run: () => Promise<T>) => run() }),
  ],
  [
    'MSW in Node',
    () => ({
      origin: mswOrigin,
      journal: mock.journal,
      around: async <T>(run: () => Promise<T>) => {
        msw.listen({ onUnhandledRequest: 'error' });
        try {
          return await run();
        } finally {
          msw.close();
        }
      },
    }),
  ],
] as [string, () => { origin: string; journal: Journal; around: <T>(run: () => Promise<T>) => Promise<T> }][])('%s', (_name, target) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_caseName, parityCase) => {
    const { origin, journal, around } = target();
    const body = parityCase.body === 'signed-token' ? BOM + (await signedTokenBody()) : parityCase.body;
    const before = journal.list().requests.length;
    const reply = await around(() => send(origin, parityCase, body));
    const journaled = journal.list().requests.length > before;
    const { contains, ...want } = parityCase.want;
    expect({ status: reply.status, code: codeOf(reply), journaled }).toEqual({ code: undefined, ...want });
    if (contains) expect(reply.body).toContain(contains);
  });
});
