import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { unwatchFile, watchFile } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadRulesFile } from '../node/load-rules-file.js';
import { packageRoot } from '../node/package-root.js';
import { refusePrivateByDefault } from '../node/is-private-address.js';
import { createGuardedFetch } from '../node/create-guarded-fetch.js';
import { resolveNodeRules } from '../node/resolve-node-rules.js';
import { jsonAnswer, type Answer } from '../responder/answer.js';
import { operationEnvelopeAnswer } from '../responder/operation-envelope.js';
import { createResponder, type Responder } from '../responder/create-responder.js';
import type { EnrollmentState } from '../state/enrollment-store.js';
import type { JournalState } from '../state/mock-state.js';
import { adminRefusal, isLoopbackAddress } from './admin-guard.js';
import { diffSpecExamples } from './check-spec-examples.js';
import { createConsole } from './console/create-console.js';
import { createAnswerValidator } from './create-answer-validator.js';
import { createLogger } from './create-logger.js';
import { keptLogger } from './kept-logger.js';
import { createPrismEngine, type PrismEngine } from './create-prism-engine.js';
import { bodyText, readBody } from './read-body.js';
import { parseJsonBody } from './parse-json-body.js';
import { discardUnreadBody } from './discard-unread-body.js';
import { busyAnswer, createBodySlots, DEFAULT_MAX_BODIES_IN_FLIGHT } from './body-slots.js';
import { DEFAULT_MAX_BODY_BYTES, refusedBodyAnswer } from '../responder/request-body.js';
import { optionsAnswer, pathMethods } from '../responder/path-methods.js';
import { isH5Path } from '../responder/journey/respond-mock-resource.js';
import type { ServerOptions } from './server-options.js';

export type { ServerOptions } from './server-options.js';

export interface MockServer {
  server: Server;
  responder: Responder;
  /** The root namespace's enrollments, in memory or on Redis (await the answers). */
  store: EnrollmentState;
  /** The root namespace's journal, in memory or on Redis (await list()). */
  journal: JournalState;
  engine: PrismEngine;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Re-reads the rules file now; false (and the last good rules kept) when it is broken or there is none. */
  reloadRules(): boolean;
}

export { DEFAULT_MAX_BODY_BYTES } from '../responder/request-body.js';

/**
 * The standalone mock server: node:http translated to and from the responder, Prism validating every answer.
 * Only what is HTTP lives here: CORS, the body cap, timeouts, resets, the rules file watcher, logging.
 */
export async function createMockServer(options: ServerOptions = {}): Promise<MockServer> {
  // Every log line's texts are cut (a client controls the path, Host, Origin, names): kept-logger.ts.
  const log = keptLogger(options.logger ?? createLogger('silent'));
  const specPath = options.spec ?? join(packageRoot(), 'spec', 'openapi.yaml');
  const engine = await createPrismEngine(specPath);
  const difference = diffSpecExamples(engine.operations);
  if (difference) {
    throw new Error(
      `${specPath} disagrees with the answers the kit renders: ${difference}. The kit answers from the catalog generated from its own spec; ` +
        'use --spec to validate answers against a changed schema, with the same examples.',
    );
  }
  const rulesFile = typeof options.rules === 'string' ? options.rules : undefined;
  const refusePrivate =
    options.privateUrls === 'refuse' || ((options.privateUrls ?? 'auto') === 'auto' && refusePrivateByDefault(options.host ?? '127.0.0.1'));
  const { rules, ...rest } = options;
  const downloads = createGuardedFetch({ refusePrivate, timeoutMs: options.image?.download?.timeoutMs });
  // A shared store (Redis) is loaded only when asked for: its client is a chunk of its own in the bundle.
  const state = options.storeUrl ? await openSharedState(options, (message) => log.warn(message)) : undefined;
  const responder = createResponder(
    {
      digest: (bytes) => createHash('sha256').update(bytes).digest('hex'),
      ...rest,
      rules: resolveNodeRules(rules),
      // Downloads and callbacks check the address they connect to (no DNS rebinding) and hold their own timeouts.
      image: { ...options.image, download: { fetch: downloads, ...options.image?.download } },
      callback: { fetch: downloads, warn: (message) => log.warn(message), ...options.callback },
      validate: createAnswerValidator(engine, { perShape: true }),
      state,
      // Replicas on one store draw their ids apart even with the same --seed.
      replicaId: state ? (options.replicaId ?? randomUUID()) : options.replicaId,
    },
    rulesFile ? { label: rulesFile, file: rulesFile } : { label: 'createMockServer({ rules })' },
  );
  const maxBody = options.maxBody ?? DEFAULT_MAX_BODY_BYTES;
  const maxBodiesInFlight = options.maxBodiesInFlight ?? DEFAULT_MAX_BODIES_IN_FLIGHT;
  const bodySlots = createBodySlots(maxBodiesInFlight);

  const reloadRules = (): boolean => {
    if (!rulesFile) return false;
    try {
      const next = loadRulesFile(rulesFile);
      responder.rules.setFileRules(next, rulesFile);
      log.info({ rules: next.length }, `rules reloaded from ${rulesFile}`);
      return true;
    } catch (error) {
      responder.rules.reject((error as Error).message);
      log.warn(`rules not reloaded, keeping the last good ones: ${(error as Error).message}`);
      return false;
    }
  };
  if (rulesFile) watchFile(rulesFile, { interval: 200 }, (now, before) => now.mtimeMs !== before.mtimeMs && reloadRules());

  const adminConsole = createConsole(responder.journal, options.maxEventClients ? { maxEventClients: options.maxEventClients } : {});

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const [path = '/', query] = (request.url ?? '/').split('?', 2);
    // The admin API and the console: no CORS, same-origin changes only, loopback names or a token (admin-guard.ts).
    const admin = path === '/__admin' || path.startsWith('/__admin/');
    if (admin) {
      const refusal = adminRefusal(request, query, {
        boundAddress: (server.address() as AddressInfo).address,
        token: options.adminToken,
        open: options.openAdmin,
      });
      if (refusal) {
        log.warn({ method, path, host: request.headers.host, origin: request.headers.origin }, `admin request refused: ${refusal.error}`);
        return void write(request, response, refusal.answer);
      }
      if (adminConsole.handle(request, response, path)) return;
    } else if (!isH5Path(path)) setCors(request, response);
    // OPTIONS, plain or a CORS preflight, lists what the path takes (the Allow of its 405s); an unknown path is a 404.
    const methods = admin ? undefined : pathMethods(path);
    if (method === 'OPTIONS' && methods) {
      const answer = optionsAnswer(methods);
      if (request.headers['access-control-request-method'] !== undefined && !isH5Path(path))
        Object.assign(answer.headers, { 'access-control-allow-methods': answer.headers['allow']!, 'access-control-max-age': '600' });
      return write(request, response, answer);
    }
    // At most maxBodiesInFlight bodies buffered at once; past it the vendor's busy answer, body unread (body-slots.ts).
    const release = bodySlots.take(request);
    if (!release) {
      log.warn({ method, path }, `${maxBodiesInFlight} request bodies in flight: busy`);
      write(request, response, busyAnswer(path, admin, maxBodiesInFlight, responder.transactionId()));
      return discardUnreadBody(request, 2 * maxBody);
    }
    const body = await readBody(request, maxBody).finally(release);
    if (!body.ok) {
      if (body.reason === 'aborted') return void request.destroy();
      log.warn(
        { method, path },
        body.reason === 'too-large' ? `request body over ${maxBody} bytes: 413` : 'request body in tiny pieces: 400',
      );
      write(request, response, refusedBodyAnswer(body.reason, path, responder.transactionId()));
      // Over the cap: answered at once, and the rest is read and dropped (up to twice the cap) so that every client
      // sees the 413 rather than a reset; tiny pieces end the connection.
      if (body.reason === 'too-large') return discardUnreadBody(request, 2 * maxBody);
      return void request.destroy();
    }
    // The client going away mid-answer cancels a download and keeps the request from being stored.
    const gone = new AbortController();
    response.on('close', () => response.writableFinished || gone.abort());
    // The text and the parsed body are made on first read, by the operation that needs them: Save Enroll reads
    // only the parsed body, which parseJsonBody makes from the bytes without a text of the image first.
    const bytes = body.bytes;
    let text: string | undefined;
    let json: { value: unknown } | undefined | null = null;
    const { answer, log: done } = await responder.respond({
      method,
      path,
      ...(query ? { query } : {}),
      headers: requestHeaders(request),
      get bodyText() {
        return (text ??= bodyText(bytes));
      },
      get body() {
        if (json === null) json = parseJsonBody(bytes);
        return json?.value;
      },
      signal: gone.signal,
      // The mock's own URLs (face images, the H5 page) on the address the client reached it by.
      ...(request.headers.host ? { origin: `http://${request.headers.host}` } : {}),
    });
    write(request, response, answer);
    if (!done) return void log.info({ method, path, status: answer.kind === 'http' ? answer.status : 0 }, `${method} ${path}`);
    if (done.violations)
      log.error({ outcome: done.outcome, violations: done.violations }, `contract violation: the answer breaks ${specPath}`);
    // The line names what decided: the outcome (or fault), its source (rule, check, prefer, force) and the rule.
    const result = done.fault ? `fault ${done.fault}` : done.outcome;
    const by = done.rule
      ? ` [rule ${done.rule}]`
      : done.source
        ? ` [${done.source}${done.source === 'check' && done.stage ? ` ${done.stage}` : ''}]`
        : '';
    log.info({ method, path, ...done }, `${method} ${path} -> ${result}${by} (${done.latencyMs} ms)`);
  }

  // Slow or stalled clients are cut off on these timers (checked every 250 ms), so they cannot hold the server.
  const requestTimeout = options.requestTimeout ?? 30_000;
  const server = createServer(
    {
      connectionsCheckingInterval: 250,
      requestTimeout,
      headersTimeout: Math.min(options.headersTimeout ?? 10_000, requestTimeout),
      keepAliveTimeout: 5_000,
    },
    (request, response) => {
      handle(request, response).catch((error: Error) => {
        // A bug in the mock must not take the server down: answer the vendor's ERROR and log it.
        log.error({ err: error }, 'request failed inside the mock');
        if (!response.headersSent) {
          // The operation's own ERROR envelope (the one renderer), as a 500: the answer of a server that failed.
          const [path = '/'] = (request.url ?? '/').split('?', 1);
          const extra = 'internal mock error, see the server log';
          write(request, response, operationEnvelopeAnswer(path, 'ERROR', extra, responder.transactionId(), {}, 500));
        } else response.destroy();
      });
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Too slow (headers or body past their timers): 408; headers over Node's 16 KB limit: 431; anything else: 400.
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
    log.warn({ code: error.code }, `client error: ${status}`);
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });

  return {
    server,
    responder,
    store: responder.store,
    journal: responder.journal,
    engine,
    reloadRules,
    listen(port = options.port ?? 4010, host = options.host ?? '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          if (!isLoopbackAddress(address.address) && options.adminToken === undefined && !options.openAdmin)
            log.warn(
              `bound to ${address.address}: the admin API and console answer 403 until started with --admin-token (or --open-admin)`,
            );
          resolve(`http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`);
        });
      });
    },
    close() {
      if (rulesFile) unwatchFile(rulesFile);
      void downloads.close();
      adminConsole.close();
      return new Promise((resolve) => {
        // The shared store closes after the last request was answered, so its writes (the journal) land.
        server.close(() => void (state ? state.close().catch(() => {}) : Promise.resolve()).then(() => resolve()));
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), options.shutdownGrace ?? 5000).unref();
      });
    },
  };
}

/** Writes an answer as it is: the responder decided everything, including the faults. */
function write(request: IncomingMessage, response: ServerResponse, answer: Answer): void {
  if (answer.kind === 'reset') return void request.socket.resetAndDestroy();
  if (answer.kind === 'hang') return; // never answered: the client's own timeout ends it (or server close)
  response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  response.end(answer.body);
}

/**
 * The request's headers as Fetch (and so MSW) sees them: a repeated header is its values joined by ", ". Node keeps
 * only the first Content-Type (and a few others) of a request that sends two, which would read it as JSON where MSW
 * reads "application/json, text/plain" (docs/decisions/0024-one-request-reading.md).
 */
function requestHeaders(request: IncomingMessage): IncomingMessage['headers'] | Record<string, string[]> {
  // Node joins most repeated headers itself; only when a name came twice can a value have been dropped.
  return request.rawHeaders.length / 2 === Object.keys(request.headers).length ? request.headers : request.headersDistinct;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function setCors(request: IncomingMessage, response: ServerResponse): void {
  // Any origin may call the mocked API, never with credentials: it authenticates by header, not cookie
  // (docs/decisions/0026-api-cors-without-credentials.md).
  response.setHeader('access-control-allow-origin', '*');
  response.setHeader('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '*');
  response.setHeader('access-control-expose-headers', '*');
}

async function openSharedState(options: ServerOptions, onError: (message: string) => void) {
  const { createRedisState } = await import('../node/redis/create-redis-state.js');
  return createRedisState({
    url: options.storeUrl!,
    imageMemoryBytes: options.imageMemoryBytes,
    maxUsers: options.maxUsers,
    journalSize: options.journalSize,
    maxAuthentications: options.maxAuthentications,
    onError,
  });
}
