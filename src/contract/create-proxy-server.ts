import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { enrollPath } from '../generated/outcomes.js';
import { judgeText, operationAt } from './judge-answer.js';
import { createLogger } from '../server/create-logger.js';
import { keptLogger } from '../server/kept-logger.js';
import { withoutUserinfo } from '../core/http/url-userinfo.js';
import { createPrismEngine } from '../server/create-prism-engine.js';
import { gatewayPage } from '../core/envelope/gateway-page.js';
import { bodyText, readBody } from '../server/read-body.js';
import { adminRefusal } from '../server/admin-guard.js';
import { busyAnswer, createBodySlots, DEFAULT_MAX_BODIES_IN_FLIGHT, DEFAULT_MAX_BODY_BYTES } from '../server/body-slots.js';
import { discardUnreadBody } from '../server/discard-unread-body.js';
import { gatewayAnswer, type HttpAnswer } from '../responder/answer.js';
import { createAnswerValidator } from '../server/create-answer-validator.js';
import { recordExchange } from './record-exchange.js';
import { harLog, type HarExchange } from '../core/http/har-log.js';
import { MAX_RECEIVED_BODY, redactReceived } from './received-answer.js';

export interface ProxyOptions {
  /** Where requests go: the real API (https://sg-api.advance.ai) or any host that serves the same paths. */
  upstream: string;
  specPath?: string;
  logger?: Logger;
  /** Upstream answer timeout (`--timeout`). Default 30 s; a request without an answer by then is a failure (504). */
  timeoutMs?: number;
  /** Violations kept for GET /__admin/violations. Default 100. */
  keep?: number;
  /**
   * Write every enroll exchange into this folder as a scenario file (record-exchange.ts); a name ending in `.har`
   * is a HAR 1.2 file of every exchange instead (the last MAX_HAR_ENTRIES, images summarised, no credential).
   */
  record?: string;
  /** Where writeReport() (and POST /__admin/report) writes the violations as JSON. */
  report?: string;
  /** The admin protection of the mock server (admin-guard.ts): a token every /__admin/ request must present. */
  adminToken?: string;
  /** Serve /__admin/ without a token on a non-loopback address (--open-admin). */
  openAdmin?: boolean;
  /** Bodies read at once (default 16, the mock server's); past it SERVICE_BUSY at once (body-slots.ts). */
  maxBodiesInFlight?: number;
  /** Largest body forwarded (default 8 MiB, the mock server's); larger ones get 413. */
  maxBody?: number;
}

export interface ProxyViolation {
  time: string;
  method: string;
  path: string;
  status: number;
  /** The judge's verdict (contract/judge-answer.ts): `fail` (code or status drift, schema, no answer), `warn` (message or additive drift). */
  verdict: 'fail' | 'warn';
  /** The judge's kind: code-drift, schema, message-drift, additive-drift, timeout, transport... */
  kind: string;
  /** What was wrong, in sentences (the judge's reason; with --spec, Prism's findings too). */
  problems: string[];
}

export interface ProxyServer {
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** violations = failures + warnings: every answer (or missing one) that was not a plain pass. */
  stats(): { requests: number; checked: number; violations: number; failures: number; warnings: number; recent: ProxyViolation[] };
  /** Writes the stats and violations to the `report` file; returns its path (null without one). */
  writeReport(): string | null;
}

/** The exchanges a `--record FILE.har` keeps, the oldest dropped first: bounded like the server's journal. */
export const MAX_HAR_ENTRIES = 1000;

/** A body as a HAR keeps it: JSON with images summarised and secrets hidden (received-answer.ts), other text cut. */
async function harBody(text: string, contentType: string, secrets: string[]): Promise<{ mimeType: string; text: string }> {
  const mimeType = contentType || 'application/octet-stream';
  try {
    const kept = JSON.stringify(await redactReceived(JSON.parse(text), secrets));
    return { mimeType, text: kept.length > MAX_RECEIVED_BODY * 4 ? kept.slice(0, MAX_RECEIVED_BODY * 4) : kept };
  } catch {
    let kept = text.slice(0, MAX_RECEIVED_BODY);
    for (const secret of secrets) kept = kept.split(secret).join('[token]');
    return { mimeType, text: kept };
  }
}

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

/**
 * A validating proxy: every request goes to the upstream unchanged; every answer comes back unchanged, and
 * the embedded Prism engine checks it against the spec on the way. Violations and drift are logged and
 * counted (GET /__admin/violations), never hidden and never altered.
 */
export async function createProxyServer(options: ProxyOptions): Promise<ProxyServer> {
  // Every log line's texts cut and URL userinfo removed (the path, the upstream, its errors): kept-logger.ts.
  const log = keptLogger(options.logger ?? createLogger('silent'));
  // The kit's spec is judged by the one judge the contract command uses (its schemas are generated from it); a
  // document of your own (--spec) is validated by the embedded Prism too, as its findings are all we know of it.
  const validate = options.specPath ? createAnswerValidator(await createPrismEngine(options.specPath), { perShape: false }) : undefined;
  // Credentials in --upstream (user:pass@) go as Basic auth: fetch refuses a URL that carries them.
  const { url: upstream, authorization } = upstreamTarget(options.upstream);
  const maxBody = options.maxBody ?? DEFAULT_MAX_BODY_BYTES;
  const maxBodiesInFlight = options.maxBodiesInFlight ?? DEFAULT_MAX_BODIES_IN_FLIGHT;
  const bodySlots = createBodySlots(maxBodiesInFlight);
  const keep = options.keep ?? 100;
  const recent: ProxyViolation[] = [];
  let requests = 0;
  let checked = 0;
  const har: HarExchange[] = [];
  const harFile = options.record?.endsWith('.har') ? options.record : undefined;
  let failures = 0;
  let warnings = 0;
  const note = (violation: ProxyViolation) => {
    if (violation.verdict === 'fail') failures++;
    else warnings++;
    recent.push(violation);
    if (recent.length > keep) recent.shift();
    // The log line has its own time (pino's): a second `time` key would make it invalid for many readers.
    const { time: _time, ...logged } = violation;
    log.error(logged, `contract violation from upstream: ${violation.method} ${violation.path}`);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    const [path = '/', query] = url.split('?', 2);
    // The proxy's own endpoints: answered here, never forwarded (the upstream has no business seeing them), behind
    // the mock server's guard: they erase the evidence --fail-on-violation exits on.
    if (path === '/__admin' || path.startsWith('/__admin/')) {
      const refusal = adminRefusal(request, query, {
        boundAddress: (server.address() as AddressInfo).address,
        token: options.adminToken,
        open: options.openAdmin,
      });
      if (refusal) {
        log.warn({ method: request.method, path, host: request.headers.host }, `admin request refused: ${refusal.error}`);
        return void send(response, refusal.answer);
      }
      return admin(request.method ?? 'GET', path, response);
    }
    requests++;
    const started = Date.now();
    // The mock server's bound on bodies buffered at once, and its answers past it (body-slots.ts).
    const release = bodySlots.take(request);
    if (!release) {
      log.warn({ method: request.method, path }, `${maxBodiesInFlight} request bodies in flight: busy`);
      send(response, busyAnswer(path, false, maxBodiesInFlight, randomBytes(8).toString('hex')));
      return discardUnreadBody(request, 2 * maxBody);
    }
    const body = await readBody(request, maxBody).finally(release);
    if (!body.ok) {
      if (body.reason !== 'too-large') return void request.destroy();
      send(response, gatewayAnswer(413));
      return discardUnreadBody(request, 2 * maxBody);
    }
    const requestText = bodyText(body.bytes);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    if (authorization) headers.authorization = authorization;
    let upstreamResponse: Response;
    const timeoutMs = options.timeoutMs ?? 30_000;
    const method = (request.method ?? 'GET').toLowerCase();
    const operation = method === 'post' ? operationAt(path) : undefined;
    try {
      upstreamResponse = await fetch(upstream + url, {
        method: request.method ?? 'GET',
        headers,
        ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body: requestText }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      log.error(`upstream ${upstream} failed for ${request.method} ${path}: ${(error as Error).message}`);
      // No answer to an operation is a failure like the contract command's: a run that checked nothing fails.
      if (operation)
        note({
          time: new Date().toISOString(),
          method: 'POST',
          path,
          status: 0,
          verdict: 'fail',
          kind: timedOut ? 'timeout' : 'transport',
          problems: [timedOut ? `no answer within ${timeoutMs} ms (--timeout)` : `no answer: ${(error as Error).message}`],
        });
      response.writeHead(timedOut ? 504 : 502, { 'content-type': 'text/html' });
      return void response.end(gatewayPage(timedOut ? 504 : 502));
    }
    const bytes = Buffer.from(await upstreamResponse.arrayBuffer());
    const text = bytes.toString('utf8');
    const contentType = upstreamResponse.headers.get('content-type') ?? '';
    if (operation) {
      checked++;
      const judged = judgeText(undefined, { status: upstreamResponse.status, text }, operation);
      const problems = judged.status === 'fail' || judged.status === 'warn' ? [judged.reason ?? judged.status] : [];
      const json = parseJson(text);
      const prism =
        validate && json !== undefined
          ? validate({ method, path }, { status: upstreamResponse.status, headers: { 'content-type': contentType }, body: json }, '')
          : [];
      if (problems.length || prism.length)
        note({
          time: new Date().toISOString(),
          method: 'POST',
          path,
          status: upstreamResponse.status,
          verdict: judged.status === 'warn' && !prism.length ? 'warn' : 'fail',
          kind: judged.kind ?? 'schema',
          problems: [...problems, ...prism],
        });
      else
        log.info(
          { method: method.toUpperCase(), path, status: upstreamResponse.status },
          `${method.toUpperCase()} ${path} -> ${upstreamResponse.status} (conforms)`,
        );
    }
    if (harFile) {
      try {
        const secrets = [headers['x-access-token'] ?? ''].filter((t) => t.length >= 8);
        const responseHeaders: Record<string, string> = {};
        upstreamResponse.headers.forEach((value, name) => (responseHeaders[name] = value));
        har.push({
          startedDateTime: new Date(started).toISOString(),
          time: Date.now() - started,
          method: method.toUpperCase(),
          url: withoutUserinfo(upstream) + url,
          requestHeaders: headers,
          ...(requestText ? { requestBody: await harBody(requestText, headers['content-type'] ?? '', secrets) } : {}),
          status: upstreamResponse.status,
          responseHeaders,
          responseBody: await harBody(text, contentType, secrets),
        });
        if (har.length > MAX_HAR_ENTRIES) har.shift();
        mkdirSync(dirname(harFile), { recursive: true });
        writeFileSync(harFile, JSON.stringify(harLog(har, { name: 'face-enroll-mock proxy', version: '1' }), null, 1) + '\n');
      } catch (error) {
        log.error(`cannot record into ${harFile}: ${(error as Error).message}`);
      }
    } else if (options.record && path === enrollPath && method === 'post') {
      try {
        const file = recordExchange(options.record, {
          headers,
          bodyText: requestText,
          status: upstreamResponse.status,
          answer: parseJson(text),
          upstream,
        });
        if (file) log.debug({ file }, `recorded ${path} -> ${upstreamResponse.status}`);
      } catch (error) {
        log.error(`cannot record into ${options.record}: ${(error as Error).message}`);
      }
    }
    const out: Record<string, string> = {};
    upstreamResponse.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') out[name] = value;
    });
    response.writeHead(upstreamResponse.status, out);
    response.end(bytes);
  }

  // What the admin answers and the report show of the upstream: no credentials a --upstream URL may carry.
  const shownUpstream = withoutUserinfo(options.upstream.replace(/\/$/, ''));
  const counts = () => ({ requests, checked, violations: failures + warnings, failures, warnings });
  const snapshot = () => ({ upstream: shownUpstream, ...counts(), recent: [...recent] });
  function writeReport(): string | null {
    if (!options.report) return null;
    mkdirSync(dirname(options.report), { recursive: true });
    writeFileSync(options.report, JSON.stringify({ ...snapshot(), writtenAt: new Date().toISOString() }, null, 2) + '\n');
    return options.report;
  }

  function admin(method: string, path: string, response: ServerResponse): void {
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (path === '/__admin/violations' && method === 'GET') return json(200, snapshot());
    if (path === '/__admin/violations' && method === 'DELETE') {
      recent.length = 0;
      failures = warnings = 0;
      return json(200, snapshot());
    }
    if (path === '/__admin/report' && method === 'POST') {
      if (!options.report) return json(409, { error: 'no report file: start the proxy with --report FILE' });
      try {
        return json(200, { written: writeReport() });
      } catch (error) {
        return json(500, { error: `cannot write ${options.report}: ${(error as Error).message}` });
      }
    }
    if (path === '/__admin/health' && method === 'GET') return json(200, { status: 'ok', upstream: shownUpstream });
    return json(404, {
      error: `the proxy has no ${method} ${path}; it answers GET /__admin/health, GET and DELETE /__admin/violations, POST /__admin/report`,
    });
  }

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 10_000 }, (request, response) => {
    handle(request, response).catch((error: Error) => {
      log.error({ err: error }, 'proxy failure');
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/html' }).end(gatewayPage(502));
    });
  });

  return {
    stats: () => ({ ...counts(), recent: [...recent] }),
    writeReport,
    listen(port = 4020, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`));
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The upstream URL without userinfo, and its userinfo as a Basic Authorization header (decoded as URLs encode it). */
function upstreamTarget(upstream: string): { url: string; authorization?: string } {
  const parsed = new URL(upstream);
  if (!parsed.username && !parsed.password) return { url: upstream.replace(/\/$/, '') };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href.replace(/\/$/, ''), authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` };
}

function send(response: ServerResponse, answer: HttpAnswer): void {
  response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  response.end(answer.body);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
