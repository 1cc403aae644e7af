import { createEnrollCore } from '../core/enroll/create-enroll-core.js';
import { createTokenCore, type TokenCore } from '../core/token/create-token-core.js';
import { createRuleBook, type RuleBook } from '../core/rules/create-rule-book.js';
import { createCoverage, type Coverage } from './create-coverage.js';
import { createMemoryState, type MemoryState } from '../state/create-memory-state.js';
import type { MockState } from '../state/mock-state.js';
import { gatewayAnswer, jsonAnswer } from './answer.js';
import type { MockOptions } from './mock-options.js';
import { resolveMockOptions } from '../core/settings/resolve-mock-options.js';
import type { ResolvedMockOptions } from '../core/settings/resolved-mock-options.js';
import type { OperationContext, RespondOptions, ResponderResult } from './operation.js';
import type { PlainRequest } from './plain-request.js';
import { operationEnvelopeAnswer } from './operation-envelope.js';
import { operations } from './operations.js';
import { optionsAnswer, pathMethods } from './path-methods.js';
import { respondAdmin } from './respond-admin.js';
import { completeAuthentication, type Completion, type CompletionOutcome } from './journey/complete-authentication.js';
import { createJourneySettings } from './journey/journey-settings.js';
import { respondMockResource } from './journey/respond-mock-resource.js';
import { createStateScopes, NAMESPACE_HEADER, stateFailureAnswer } from './state-scopes.js';
import { normalizeHeaders } from '../core/http/normalize-headers.js';

export type { PlainRequest } from './plain-request.js';
export type { RespondOptions, ResponderResult } from './operation.js';
export { operationPaths } from './operations.js';

export interface Responder<S extends MockState = MockState> {
  /** One request in, one answer out, after the decided delay; the store and the journal are updated. */
  respond(request: PlainRequest, options?: RespondOptions): Promise<ResponderResult>;
  /** The state port's root namespace (memory unless MockOptions.state was given): namespaces are `state.namespace(name)`. */
  readonly state: S;
  /** The root namespace's enrollments (`state.enrollments`). */
  readonly store: S['enrollments'];
  /** The root namespace's journal (`state.journal`). */
  readonly journal: S['journal'];
  readonly tokens: TokenCore;
  /** The root namespace's H5 authentications (Generate URL, the page, Get Result). */
  readonly authentications: S['authentications'];
  /** Ends an authentication as the H5 page does (scores, result, callback); what the admin completion calls. */
  complete(signatureId: string, completion: Completion): Promise<CompletionOutcome>;
  readonly options: ResolvedMockOptions;
  /**
   * The file's rules (hot reload) and how to join them to a namespace's runtime rules: `rules.scope(state.rules)`
   * (both backends, asynchronous) or `rules.sync(state.rules)` over a memory state.
   */
  readonly rules: RuleBook;
  /** How many answers carried each documented outcome and fault since the last reset. */
  readonly coverage: Coverage;
  /** The next transaction id: the one source of every envelope's, the server's own answers included. */
  transactionId(): string;
}

/**
 * The one responder every adapter translates to and from (docs/decisions/0007-one-responder.md): it routes
 * to the operations (operations.ts), resolves the options, decides, waits, stores, journals, and renders every
 * answer, the gateway's pages and the transport faults included. Isomorphic: Web APIs only.
 */
export function createResponder<S extends MockState = MemoryState>(
  options: MockOptions & { state?: S } = {},
  rulesSource?: { label: string; file?: string },
): Responder<S> {
  const resolved = resolveMockOptions(options, rulesSource?.label);
  const file = rulesSource?.file ?? (options.rules === undefined ? "the kit's fixtures/rules.yaml" : null);
  const rules = createRuleBook(resolved.rules, file, resolved.now);
  // The state port: the caller's (Redis, or a memory state it keeps), or one in memory with the options' bounds.
  const state = (options.state ??
    createMemoryState({ ...resolved, enrollments: options.store, fileGeneration: () => rules.generation() })) as S;
  // Each request's state: X-Mock-Namespace's, or the root.
  const scopes = createStateScopes(state, rules);
  // Tokens keep the real clock: a pinned `now` is for enrolledAt, the rate window and the journal, while a
  // client signs its token request with its own real timestamp.
  const tokens = createTokenCore({ ...resolved, now: () => new Date() });
  const coverage = createCoverage([...operations.values()]);
  const core = createEnrollCore(resolved, {
    ruleBook: rules,
    verifyToken: resolved.token === 'issued' ? tokens.verify : undefined,
  });
  const startedAt = Date.now();
  const { now } = resolved;
  const journey = createJourneySettings(resolved);
  const context: OperationContext = {
    options: resolved,
    sharedState: options.state !== undefined,
    core,
    tokens,
    store: state.enrollments,
    journal: state.journal,
    rateWindow: state.rateWindow,
    coverage,
    authentications: state.authentications,
    journey,
    rules: scopes.root.rules,
    now,
    elapsed: (started) => Math.round((performance.now() - started) * 10) / 10,
    validated(path, answer, body, shapeKey, transactionId) {
      if (!resolved.validate) return { answer, violations: [] };
      const violations = resolved.validate({ method: 'post', path }, { status: answer.status, headers: answer.headers, body }, shapeKey);
      if (!violations.length || !resolved.strict) return { answer, violations };
      const extra = `contract violation (--strict): ${violations.join('; ')}`;
      return { answer: operationEnvelopeAnswer(path, 'ERROR', extra, transactionId, {}, 500), violations };
    },
  };

  const complete = (signatureId: string, completion: Completion) => completeAuthentication(signatureId, completion, context);
  const transactionId = () => core.settings.random.transactionId();

  return {
    state,
    store: state.enrollments,
    journal: state.journal,
    tokens,
    authentications: state.authentications,
    complete,
    options: resolved,
    rules,
    coverage,
    transactionId,
    async respond(received, respondOptions = {}) {
      const started = performance.now();
      // A forced delay is part of the answer's latency, and the request is decided after it, as it would be late.
      if (respondOptions.delayMs) await new Promise((resolve) => setTimeout(resolve, respondOptions.delayMs));
      const method = received.method.toUpperCase();
      // A link the mock issued in a namespace carries it (a browser sends no header): it stands for X-Mock-Namespace.
      const link = received.path.startsWith('/__mock/ns/') ? await journey.openLink(received.path) : null;
      if (link === 'forged')
        return { answer: jsonAnswer(403, { error: 'the namespace mark of this link does not match; use the link as issued' }) };
      const request: PlainRequest = link
        ? { ...received, path: link.path, headers: { ...normalizeHeaders(received.headers), [NAMESPACE_HEADER]: link.namespace } }
        : received;
      const methods = method === 'OPTIONS' ? pathMethods(request.path) : undefined;
      if (methods) return { answer: optionsAnswer(methods) };
      const scope = scopes.forRequest(request.headers);
      // A bad namespace is a misuse of the mock: the API's own CLIENT_ERROR envelope, the admin API's error body.
      if ('error' in scope)
        return {
          answer: request.path.startsWith('/__')
            ? jsonAnswer(400, { error: scope.error })
            : operationEnvelopeAnswer(request.path, 'CLIENT_ERROR', scope.error, transactionId()),
        };
      const scoped: OperationContext =
        scope === scopes.root
          ? context
          : {
              ...context,
              store: scope.state.enrollments,
              journal: scope.state.journal,
              authentications: scope.state.authentications,
              rateWindow: scope.state.rateWindow,
              rules: scope.rules,
              journey: journey.inNamespace(normalizeHeaders(request.headers)[NAMESPACE_HEADER]!),
            };
      try {
        if (request.path.startsWith('/__admin/')) {
          return {
            answer: await respondAdmin(request, {
              store: scope.state.enrollments,
              journal: scope.state.journal,
              stateHealth: () => scope.state.health(),
              resetState: () => scope.state.reset(),
              rules: scope.rules,
              coverage,
              startedAt,
              authentications: scope.state.authentications,
              complete: (signatureId, completion) => completeAuthentication(signatureId, completion, scoped),
              faceUrl: (id) => scoped.journey.faceUrl('', id),
            }),
          };
        }
        if (request.path.startsWith('/__mock/')) return { answer: await respondMockResource(request, scoped) };
        const operation = operations.get(request.path);
        if (!operation) return { answer: gatewayAnswer(404) };
        if (method !== 'POST') return { answer: gatewayAnswer(405, { allow: 'POST, OPTIONS' }) };
        return await operation.respond(request, scoped, respondOptions, started);
      } catch (error) {
        // Only a shared store fails from outside the process: answer for it (never crash); anything else is a bug.
        if (!options.state) throw error;
        // A transaction id like any other answer's: clients that de-duplicate by it must not see one twice.
        return { answer: stateFailureAnswer(request.path, error, transactionId()) };
      }
    },
  };
}
