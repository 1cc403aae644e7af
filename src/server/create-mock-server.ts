import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { unwatchFile, watchFile } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createEnrollCore, type EnrollCoreOptions, type EnrollDecision, type Fault } from '../core/create-enroll-core.js';
import { renderEnvelope } from '../core/render-envelope.js';
import { createTokenCore, type AccessKeyPair } from '../core/create-token-core.js';
import type { Rule } from '../core/rules/parse-rules.js';
import { enrollPath, tokenPath } from '../generated/outcomes.js';
import { loadRulesFile } from '../node/load-rules-file.js';
import { packageRoot } from '../node/package-root.js';
import { isPublicHost } from '../node/is-private-address.js';
import { createEnrollmentStore, type EnrollmentStore } from '../state/enrollment-store.js';
import { createJournal, type Journal } from './create-journal.js';
import { createLogger } from './create-logger.js';
import { createPrismEngine, type PrismEngine } from './create-prism-engine.js';
import { gatewayPage } from '../core/gateway-page.js';
import { handleAdmin } from './handle-admin.js';
import { readBody } from './read-body.js';

export interface MockServerOptions extends Omit<EnrollCoreOptions, 'rules' | 'requireToken'> {
  /** As createEnrollMock: true (any non-empty token), 'issued' (only this server's unexpired tokens), false. */
  requireToken?: boolean | 'issued';
  /** Access key pairs generate-token accepts. Default: test-access-key / test-secret-key. */
  keys?: readonly AccessKeyPair[];
  /** The OpenAPI document Prism renders and validates from. Default: the kit's spec/openapi.yaml. */
  specPath?: string;
  /** A rules file, watched and re-read when it changes (a broken edit keeps the last good rules). */
  rulesFile?: string;
  /** Rules given directly (used when no rulesFile is given). Default: none. */
  rules?: Rule[];
  /** Answer HTTP 500 instead of a response that breaks the spec. Default: log the violation and answer it. */
  strict?: boolean;
  /** Largest request body read, in bytes; larger ones get the gateway's 413. Default 8 MiB. */
  maxBodyBytes?: number;
  /** Requests the journal keeps. Default 1000. */
  journalSize?: number;
  /**
   * Refuse image URLs that resolve to private or loopback addresses. Default: refused unless the server is
   * bound to loopback (the CLI decides from --host; see refusePrivateByDefault).
   */
  refusePrivateUrls?: boolean;
  /** A client must send its headers within this time. Default 10 000 ms. */
  headersTimeoutMs?: number;
  /** A client must send its whole request within this time. Default 30 000 ms. */
  requestTimeoutMs?: number;
  store?: EnrollmentStore;
  logger?: Logger;
}

export interface MockServer {
  server: Server;
  store: EnrollmentStore;
  journal: Journal;
  engine: PrismEngine;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Re-reads the rules file now; false (and the last good rules kept) when it is broken. */
  reloadRules(): boolean;
}

/** Base64 of a 2 MB image is 2.8 MB; 8 MiB leaves room for JSON and any legal image, and caps abuse. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * The standalone mock server: node:http in front of the decision core, with the embedded Prism engine
 * rendering the chosen example and validating every answer against the spec.
 */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const log = options.logger ?? createLogger('silent');
  const engine = await createPrismEngine(options.specPath ?? join(packageRoot(), 'spec', 'openapi.yaml'));
  const store = options.store ?? createEnrollmentStore();
  const journal = createJournal(options.journalSize ?? 1000);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let rules: Rule[] = options.rulesFile ? loadRulesFile(options.rulesFile) : (options.rules ?? []);
  const tokens = createTokenCore({
    ...(options.keys ? { keys: options.keys } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const core = createEnrollCore({
    digest: (bytes) => createHash('sha256').update(bytes).digest('hex'),
    ...options,
    requireToken: options.requireToken !== false,
    ...(options.requireToken === 'issued' ? { verifyToken: tokens.verify } : {}),
    ...(options.refusePrivateUrls
      ? { image: { ...options.image, download: { ...options.image?.download, allowHost: isPublicHost } } }
      : {}),
    rules,
  });
  const startedAt = Date.now();

  const reloadRules = (): boolean => {
    if (!options.rulesFile) return false;
    try {
      rules = loadRulesFile(options.rulesFile);
      core.setRules(rules);
      log.info({ rules: rules.length }, `rules reloaded from ${options.rulesFile}`);
      return true;
    } catch (error) {
      log.warn(`rules not reloaded, keeping the last good ones: ${(error as Error).message}`);
      return false;
    }
  };
  if (options.rulesFile) watchFile(options.rulesFile, { interval: 200 }, (now, before) => now.mtimeMs !== before.mtimeMs && reloadRules());

  async function handleEnroll(request: IncomingMessage, response: ServerResponse, started: number): Promise<void> {
    const body = await readBody(request, maxBody);
    if (!body.ok) {
      if (body.reason === 'too-large') {
        log.warn({ method: 'POST', path: enrollPath }, `request body over ${maxBody} bytes: 413`);
        sendHtml(response, 413, { connection: 'close' });
      }
      return void request.destroy();
    }
    const decision = await core.decide({ headers: request.headers as Record<string, string>, bodyText: body.text });
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    if (decision.fault) return answerFault(decision.fault, request, response, started, decision);
    if (decision.enrollment) await store.add(decision.enrollment);
    let answer = engine.render(enrollPath, decision.status, decision.outcome, decision.envelope);
    const shape = `${decision.status} ${decision.outcome} ${decision.envelope.extra === null ? 'null' : 'text'}`;
    const violations = engine.validateShape(shape, enrollPath, 'post', answer).map((v) => `${v.location}: ${v.message}`);
    if (violations.length) {
      log.error({ outcome: decision.outcome, violations }, 'contract violation: the answer breaks spec/openapi.yaml');
      if (options.strict) {
        answer = {
          statusCode: 500,
          headers: { 'content-type': 'application/json' },
          body: renderEnvelope('ERROR', decision.envelope.transactionId, `contract violation (--strict): ${violations.join('; ')}`),
        };
      }
    }
    response.writeHead(answer.statusCode, { ...(answer.headers as Record<string, string>), ...decision.headers });
    response.end(JSON.stringify(answer.body));
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const userId = decision.userId;
    journal.record({
      time: new Date().toISOString(),
      method: 'POST',
      path: enrollPath,
      status: answer.statusCode,
      outcome: decision.outcome,
      source: decision.source,
      ...(decision.rule ? { rule: decision.rule } : {}),
      ...(userId ? { userId } : {}),
      detail: decision.detail,
      latencyMs,
      ...(violations.length ? { violations } : {}),
    });
    log.info(
      { method: 'POST', path: enrollPath, outcome: decision.outcome, status: answer.statusCode, latencyMs },
      `POST ${enrollPath} -> ${decision.outcome} (${latencyMs} ms)`,
    );
  }

  /** The transport faults QA asks for (README, "Faults"): no envelope, as a broken network or gateway would. */
  function answerFault(fault: Fault, request: IncomingMessage, response: ServerResponse, started: number, decision: EnrollDecision): void {
    // status 0: no HTTP status (or only the gateway's page) was sent for a fault.
    journal.record({
      time: new Date().toISOString(),
      method: 'POST',
      path: enrollPath,
      status: 0,
      outcome: decision.outcome,
      source: decision.source,
      ...(decision.rule ? { rule: decision.rule } : {}),
      detail: decision.detail,
      latencyMs: Math.round(performance.now() - started),
    });
    log.info({ method: 'POST', path: enrollPath, fault }, `POST ${enrollPath} -> fault ${fault}`);
    if (fault === 'reset') return void request.socket.resetAndDestroy();
    if (fault === 'hang') return; // never answered: the client's own timeout ends it (or server close)
    if (fault === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end('{"code":"SUCCESS","message":"OK","data":nu');
    }
    sendHtml(response, fault === 'gateway-502' ? 502 : 504);
  }

  async function handleToken(request: IncomingMessage, response: ServerResponse, started: number): Promise<void> {
    const body = await readBody(request, 64 * 1024);
    if (!body.ok) {
      if (body.reason === 'too-large') sendHtml(response, 413, { connection: 'close' });
      return void request.destroy();
    }
    const decision = await tokens.decide(body.text);
    response.writeHead(decision.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(decision.envelope));
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    log.info(
      { method: 'POST', path: tokenPath, outcome: decision.outcome, status: decision.status, latencyMs },
      `POST ${tokenPath} -> ${decision.outcome} (${latencyMs} ms)`,
    );
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    setCors(request, response);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      response.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-max-age': '600',
        'content-length': '0',
      });
      return void response.end();
    }
    const path = (request.url ?? '/').split('?')[0]!;
    if (path.startsWith('/__admin/')) return handleAdmin(request, response, path, { store, journal, rules: () => rules.length, startedAt });
    if (path === tokenPath && request.method === 'POST') return handleToken(request, response, started);
    if (path !== enrollPath) {
      log.info({ method: request.method, path, status: 404 }, `${request.method} ${path} -> 404`);
      return void sendHtml(response, 404);
    }
    if (request.method !== 'POST') return void sendHtml(response, 405, { allow: 'POST, OPTIONS' });
    await handleEnroll(request, response, started);
  }

  // Slow or stalled clients are cut off on these timers (checked every 250 ms), so they cannot hold the server.
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = createServer(
    {
      connectionsCheckingInterval: 250,
      requestTimeout,
      headersTimeout: Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout),
      keepAliveTimeout: 5_000,
    },
    (request, response) => {
      handle(request, response).catch((error: Error) => {
        // A bug in the mock must not take the server down: answer the vendor's ERROR and log it.
        log.error({ err: error }, 'request failed inside the mock');
        if (!response.headersSent) {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify(renderEnvelope('ERROR', '0000000000000000', 'internal mock error, see the server log')));
        } else response.destroy();
      });
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Too slow (headers or body past their timers): 408; anything unparseable: 400. Then close.
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    log.warn({ code: error.code }, `client error: ${status}`);
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });

  return {
    server,
    store,
    journal,
    engine,
    reloadRules,
    listen(port = 4010, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          resolve(`http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`);
        });
      });
    },
    close() {
      if (options.rulesFile) unwatchFile(options.rulesFile);
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
    },
  };
}

function setCors(request: IncomingMessage, response: ServerResponse): void {
  // As Prism does: any origin, the headers asked for, credentials allowed.
  response.setHeader('access-control-allow-origin', request.headers.origin ?? '*');
  response.setHeader('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '*');
  response.setHeader('access-control-allow-credentials', 'true');
  response.setHeader('access-control-expose-headers', '*');
  if (request.headers.origin) response.setHeader('vary', 'origin');
}

function sendHtml(response: ServerResponse, status: 404 | 405 | 413 | 502 | 504, headers: Record<string, string> = {}): void {
  const page = gatewayPage(status);
  response.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page), ...headers });
  response.end(page);
}
