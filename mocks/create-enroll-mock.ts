import type { HttpHandler } from 'msw';
import type { Fault } from '../src/core/stages/faults.js';
import type { OutcomeName } from '../src/core/envelope/outcome-catalog.js';
import type { Answer } from '../src/responder/answer.js';
import type { CoverageReport } from '../src/responder/create-coverage.js';
import type { RuleEntry } from '../src/core/rules/create-rule-book.js';
import type { Rule } from '../src/core/rules/parse-rules.js';
import type { Journal } from '../src/state/create-journal.js';
import { createResponder, type Responder, type RespondOptions } from '../src/responder/create-responder.js';
import { DEFAULT_MAX_BODY_BYTES, readFetchBody, refusedBodyAnswer } from '../src/responder/request-body.js';
import type { MockOptions } from '../src/responder/mock-options.js';
import type { EnrollmentStore } from '../src/state/enrollment-store.js';
import { enrollPath, tokenPath, type TokenOutcomeName } from '../src/generated/outcomes.js';
import { operationPaths } from '../src/responder/operations.js';
import type { Completion, CompletionOutcome } from '../src/responder/journey/complete-authentication.js';
import { mswCore } from './msw-core.js';
import { vendorBaseUrls } from './vendor-base-urls.js';

/** The adapters' one option shape (MockOptions), plus where MSW should answer. */
export interface EnrollMockOptions extends Omit<MockOptions, 'validate' | 'state'> {
  /**
   * Where the API is answered: absolute origins (`http://localhost:3000`), a path prefix of your own proxy
   * (`/api/advance`, relative to the page in a browser), or `*` for any origin. Default: the vendor hosts
   * and the page's own origin.
   */
  baseUrls?: readonly string[];
  /** Largest request body read, in bytes; larger ones get the gateway's 413, as from the server. Default 8 MiB. */
  maxBody?: number;
}

export interface OnceOption {
  /** Answer only the next matching request (default true), like MSW's `{ once: true }`. */
  once?: boolean;
}

export interface FaultOption extends OnceOption {
  /** The operation whose next request gets the fault, by its path (`getResultPath`, ...). Default: Save Enroll. */
  path?: string;
}

export interface EnrollMock {
  /** Request handlers for setupServer / setupWorker: every operation, and the mock's own /__mock/ resources, on every base URL. */
  handlers: HttpHandler[];
  /** The enrolled state: seed, read and reset it from tests. */
  store: EnrollmentStore;
  /** Every enroll answered so far, as the server's GET /__admin/requests lists it. */
  journal: Journal;
  /** The responder behind the handlers (the same one the server translates to). */
  responder: Responder;
  /** Runtime rules, as the server's /__admin/rules: before every other rule, with hit counts. */
  rules: {
    /** Adds a rule (validated as a rules file's; throws with every problem named). Returns it with its id. */
    add(rule: Rule): RuleEntry;
    /** Every rule in force, runtime rules first, with hit counts. */
    list(): RuleEntry[];
    remove(id: string): boolean;
    /** Removes every runtime rule. */
    clear(): void;
  };
  /** How many answers carried each documented outcome and fault (GET /__admin/coverage). */
  coverage(): CoverageReport;
  /** A handler that answers the named outcome (rendered and stored as usual). `server.use(mock.outcome('ERROR'))`. */
  outcome(name: OutcomeName, options?: OnceOption): HttpHandler;
  /**
   * A handler that answers the next generate-token request with the named token example (`PARAMETER_ERROR_SIGNATURE`,
   * `ACCOUNT_DISABLED`, ...; `SUCCESS` issues a real token). `server.use(mock.tokenOutcome('ACCOUNT_DISABLED'))`.
   */
  tokenOutcome(name: TokenOutcomeName, options?: OnceOption): HttpHandler;
  /**
   * A handler that answers the next enroll (or the next request to `path`: any operation) with a transport fault
   * (`reset`, `hang`, `malformed`, `gateway-502`, ...).
   */
  fault(name: Fault, options?: FaultOption): HttpHandler;
  /** A handler that turns the next enroll into a network error (`HttpResponse.error()`): the `reset` fault, journaled as one. */
  networkError(options?: OnceOption): HttpHandler;
  /** A handler that answers the next enroll `ms` late, decided as usual (rules, checks, state), journaled with that latency. */
  delay(ms: number, options?: OnceOption): HttpHandler;
  /**
   * Ends an H5 authentication as the page does (`{ result: 'PASS' | 'FAIL' | 'INCOMPLETE', reason?, selfie? }`):
   * scores it, stores the result and sends the callback; await `delivery` for the callback attempts.
   */
  completeAuthentication(signatureId: string, completion: Completion): Promise<CompletionOutcome>;
}

/** The MSW adapter: Fetch Request in, the responder's answer out as a Fetch Response. Nothing else. */
export function createEnrollMock(options: EnrollMockOptions = {}): EnrollMock {
  const { baseUrls, maxBody = DEFAULT_MAX_BODY_BYTES, ...mockOptions } = options;
  const { bypass, http, HttpResponse } = mswCore();
  const responder = createResponder(
    {
      ...mockOptions,
      // The image download goes through MSW like any request of the test (plain fetch, looked up when called),
      // so a test's own http.get(imageUrl) handler answers it; marked, so the kit's last handler lets through
      // the ones no handler answered.
      image: { ...mockOptions.image, download: { fetch: markedDownload, ...mockOptions.image?.download } },
      // The callback to callbackUrl must leave the mock: bypass keeps MSW from intercepting it.
      callback: { fetch: (request) => fetch(bypass(request)), ...mockOptions.callback },
    },
    { label: 'createHandlers({ rules })' },
  );
  // The root namespace's runtime rules, synchronously: an MSW mock's state is always in memory.
  const rules = responder.rules.sync(responder.state.rules);
  const bases = baseUrls ?? [...vendorBaseUrls, ''];
  const at = (path: string) => bases.map((base) => (base === '*' ? `*${path}` : `${base.replace(/\/$/, '')}${path}`));
  const urls = at(enrollPath);

  /**
   * The resolver for what sits at `anchor` (an operation's path, or /__mock/) under any base. MSW matches paths
   * loosely (any letter case, a trailing slash), so the responder gets the path as it was sent and routes it as
   * for the server; the body is read with the server's cap and decoding (src/responder/request-body.ts).
   */
  const answer =
    (anchor: string, respondOptions: RespondOptions = {}) =>
    async ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      const index = Math.max(0, url.pathname.toLowerCase().indexOf(anchor.toLowerCase()));
      const path = url.pathname.slice(index);
      const body = await readFetchBody(request, maxBody);
      if (!body.ok)
        return body.reason === 'aborted'
          ? HttpResponse.error()
          : toResponse(refusedBodyAnswer(body.reason, path, responder.transactionId()));
      const result = await responder.respond(
        {
          method: request.method,
          path,
          ...(url.search ? { query: url.search.slice(1) } : {}),
          headers: request.headers,
          bodyText: body.text,
          signal: request.signal,
          // The mock's own URLs (face images, the H5 page) are built on the base the request came through.
          origin: url.origin + url.pathname.slice(0, index),
        },
        respondOptions,
      );
      return toResponse(result.answer);
    };
  // One handler per URL would make `once` per URL; a single handler with a predicate keeps `once` global.
  const onAny = (resolver: ReturnType<typeof answer>, once: boolean, path = enrollPath): HttpHandler => {
    let used = false;
    const pathUrls = path === enrollPath ? urls : at(path);
    return http.post(`*${path}`, async (info) => {
      if ((once && used) || !pathUrls.some((url) => matches(url, info.request.url))) return undefined;
      used = true;
      return resolver(info);
    });
  };

  return {
    // Every method: the responder answers a GET or a HEAD of an operation 405, as the server does.
    handlers: [
      ...[...operationPaths].flatMap((path) => at(path).map((url) => http.all(url, answer(path)))),
      ...at('/__mock/*').map((url) => http.all(url, answer('/__mock/'))),
      downloadPassthrough(),
    ],
    store: responder.store,
    journal: responder.journal,
    responder,
    rules: {
      add(rule) {
        const added = rules.tryAdd(rule, 'mock.rules.add()');
        if (!added.ok) throw new Error(`face-enroll-mock: the rule is invalid:\n  ${added.errors.join('\n  ')}`);
        return added.entry;
      },
      list: () => rules.entries(),
      remove: (id) => rules.remove(id),
      clear: () => rules.clearRuntime(),
    },
    coverage: () => responder.coverage.report(),
    outcome: (name, { once = true } = {}) => onAny(answer(enrollPath, { force: name }), once),
    fault: (name, { once = true, path = enrollPath } = {}) => {
      if (!operationPaths.has(path))
        throw new Error(
          `face-enroll-mock: fault(${name}, { path }): "${path}" is not an operation's path; use one of ${[...operationPaths].join(', ')}`,
        );
      return onAny(answer(path, { force: name }), once, path);
    },
    tokenOutcome: (name, { once = true } = {}) => onAny(answer(tokenPath, { forceToken: name }), once, tokenPath),
    networkError: ({ once = true } = {}) => onAny(answer(enrollPath, { force: 'reset' }), once),
    completeAuthentication: (signatureId, completion) => responder.complete(signatureId, completion),
    delay: (ms, { once = true } = {}) => {
      if (!Number.isFinite(ms) || ms < 0)
        throw new Error(`face-enroll-mock: delay(${ms}): the delay is a number of milliseconds, 0 or more (2000 for 2 s)`);
      return onAny(answer(enrollPath, { delayMs: ms }), once);
    },
  };
}

/** Marks the kit's own image downloads (and only them), for downloadPassthrough. Removed before they leave. */
export const DOWNLOAD_MARK = 'x-face-enroll-mock-download';

function markedDownload(request: Request, init?: { signal?: AbortSignal }): Promise<Response> {
  request.headers.set(DOWNLOAD_MARK, '1');
  return fetch(request, init);
}

let passthrough: HttpHandler | undefined;

/**
 * The kit's last handler: an image download that no handler before it answered (the test's own, added with
 * server.use or listed first) goes to the network as it would without MSW, instead of being reported as
 * unhandled (onUnhandledRequest: 'error' would fail it). Downloads are GETs and the kit's API handlers answer
 * POSTs only, so a download can never loop into the enroll handler. One handler for every mock, made with the
 * first one (msw's main entry may not be loaded before).
 */
function downloadPassthrough(): HttpHandler {
  const { bypass, http, HttpResponse } = mswCore();
  return (passthrough ??= http.get('*', async ({ request }) => {
    if (!request.headers.has(DOWNLOAD_MARK)) return undefined;
    const headers = new Headers(request.headers);
    headers.delete(DOWNLOAD_MARK);
    const forwarded = new Request(request.url, { headers, redirect: request.redirect, credentials: 'omit', signal: request.signal });
    try {
      const response = await fetch(bypass(forwarded));
      // A browser hides a manual redirect (opaqueredirect), which the service worker cannot hand back: follow it here.
      return response.type === 'opaqueredirect' ? await fetch(bypass(new Request(forwarded, { redirect: 'follow' }))) : response;
    } catch {
      // The download failed as it would without MSW (refused, unreachable, aborted): the kit answers CANNOT_DOWNLOAD.
      // A thrown error would reach MSW, which prints it with its stack as if the handler were broken.
      return HttpResponse.error();
    }
  }));
}

/** The responder's answer as MSW expresses it: a network error for a reset, a never-settling delay for a hang. */
async function toResponse(answer: Answer): Promise<Response> {
  const { delay, HttpResponse } = mswCore();
  if (answer.kind === 'reset') return HttpResponse.error();
  if (answer.kind === 'hang') {
    await delay('infinite');
    return HttpResponse.error();
  }
  return new HttpResponse(answer.body as BodyInit, { status: answer.status, headers: answer.headers });
}

function matches(pattern: string, requestUrl: string): boolean {
  if (pattern.startsWith('*')) return true;
  const url = new URL(requestUrl);
  const absolute = /^https?:\/\//.test(pattern)
    ? pattern
    : `${globalThis.location?.origin ?? url.origin}${pattern.startsWith('/') ? '' : '/'}${pattern}`;
  return url.origin + url.pathname === absolute;
}
