import { createEnrollCore, type EnrollDecision } from '../core/create-enroll-core.js';
import { createTokenCore, type TokenCore } from '../core/create-token-core.js';
import type { Fault } from '../core/faults.js';
import type { HeadersInput } from '../core/normalize-headers.js';
import type { OutcomeName } from '../core/outcome-catalog.js';
import { renderEnvelope } from '../core/render-envelope.js';
import type { Rule } from '../core/rules/parse-rules.js';
import { enrollPath, tokenPath } from '../generated/outcomes.js';
import { createEnrollmentStore, type EnrollmentStore } from '../state/enrollment-store.js';
import { faultAnswer, gatewayAnswer, jsonAnswer, type Answer } from './answer.js';
import { createJournal, type Journal, type JournalEntry } from './create-journal.js';
import { resolveMockOptions, type MockOptions, type ResolvedMockOptions } from './mock-options.js';
import { respondAdmin } from './respond-admin.js';

/** A request as every adapter can give it: no streams, no framework types. */
export interface PlainRequest {
  method: string;
  /** The path the operation is routed by (without the query); MSW passes the operation's own path. */
  path: string;
  headers?: HeadersInput;
  bodyText?: string;
  /** Aborted when the client goes away: a download stops, and nothing is stored. */
  signal?: AbortSignal;
}

export interface RespondOptions {
  /** Answer this outcome or fault whatever the request (the MSW one-shot helpers). */
  force?: OutcomeName | Fault;
}

export interface ResponderResult {
  answer: Answer;
  /** What the adapter may log: the operation's outcome, status (0 for a fault) and latency. */
  log?: { outcome: string; status: number; latencyMs: number; rule?: string; fault?: Fault; violations?: string[] };
  /** The enroll decision, for callers that want it (MSW's onDecision). */
  decision?: EnrollDecision;
}

export interface Responder {
  /** One request in, one answer out, after the decided delay; the store and the journal are updated. */
  respond(request: PlainRequest, options?: RespondOptions): Promise<ResponderResult>;
  readonly store: EnrollmentStore;
  readonly journal: Journal;
  readonly tokens: TokenCore;
  readonly options: ResolvedMockOptions;
  /** The rules in force (file rules today; runtime rules later). */
  rules(): readonly Rule[];
  /** Replaces the rules (hot reload) without resetting the random sequence. */
  setRules(rules: readonly Rule[]): void;
}

/** The API's operations the responder answers (all POST), by path: the proxy routes by the same list. */
export const operationPaths: ReadonlySet<string> = new Set([enrollPath, tokenPath]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one responder every adapter translates to and from (docs/decisions/0007-one-responder.md): it routes
 * to the operations, resolves the options, decides, waits, stores, journals, and renders every answer,
 * the gateway's pages and the transport faults included. Isomorphic: Web APIs only.
 */
export function createResponder(options: MockOptions = {}, rulesSource?: string): Responder {
  const resolved = resolveMockOptions(options, rulesSource);
  const store = resolved.store ?? createEnrollmentStore();
  const journal = createJournal(resolved.journalSize);
  const tokens = createTokenCore({
    ...(resolved.keys ? { keys: resolved.keys } : {}),
    ...(resolved.seed !== undefined ? { seed: resolved.seed } : {}),
  });
  let rules: readonly Rule[] = resolved.rules;
  const core = createEnrollCore({
    ...resolved,
    rules,
    ...(resolved.regions ? { supportedRegions: resolved.regions } : {}),
    ...(resolved.token === 'issued' ? { verifyToken: tokens.verify } : {}),
  });
  const now = resolved.now ?? (() => new Date());
  const startedAt = Date.now();

  /** The server's contract check (Prism) on an operation's JSON answer; strict turns a violation into a 500. */
  function validated(path: string, answer: Answer, body: unknown, shapeKey: string, transactionId: string) {
    if (!resolved.validate || answer.kind !== 'http') return { answer, violations: [] as string[] };
    const violations = resolved.validate({ method: 'post', path }, { status: answer.status, headers: answer.headers, body }, shapeKey);
    if (!violations.length || !resolved.strict) return { answer, violations };
    const extra = `contract violation (--strict): ${violations.join('; ')}`;
    return { answer: jsonAnswer(500, renderEnvelope('ERROR', transactionId, extra)), violations };
  }

  async function respondEnroll(request: PlainRequest, force: RespondOptions['force'], started: number): Promise<ResponderResult> {
    const decision = await core.decide(
      {
        ...(request.headers ? { headers: request.headers } : {}),
        bodyText: request.bodyText ?? '',
        ...(request.signal ? { signal: request.signal } : {}),
      },
      force !== undefined ? { force } : {},
    );
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    // A client that left before its answer is not enrolled (docs/reliability.md).
    if (decision.kind === 'envelope' && decision.enrollment && !request.signal?.aborted) await store.add(decision.enrollment);
    let answer: Answer;
    let violations: string[] = [];
    if (decision.kind === 'fault') answer = faultAnswer(decision.fault);
    else {
      const shape = `${decision.status} ${decision.outcome} ${decision.envelope.extra === null ? 'null' : 'text'}`;
      ({ answer, violations } = validated(
        enrollPath,
        jsonAnswer(decision.status, decision.envelope, decision.headers),
        decision.envelope,
        shape,
        decision.transactionId,
      ));
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const status = answer.kind === 'http' && decision.kind === 'envelope' ? answer.status : 0;
    const entry: Omit<JournalEntry, 'id'> = {
      time: now().toISOString(),
      method: 'POST',
      path: enrollPath,
      status,
      outcome: decision.outcome,
      stage: decision.stage,
      source: decision.source,
      ...(decision.rule ? { rule: decision.rule } : {}),
      ...(decision.userId ? { userId: decision.userId } : {}),
      ...(decision.kind === 'fault' ? { fault: decision.fault } : {}),
      detail: decision.detail,
      latencyMs,
      ...(violations.length ? { violations } : {}),
    };
    journal.record(entry);
    return {
      answer,
      decision,
      log: {
        outcome: decision.outcome,
        status,
        latencyMs,
        ...(decision.rule ? { rule: decision.rule } : {}),
        ...(decision.kind === 'fault' ? { fault: decision.fault } : {}),
        ...(violations.length ? { violations } : {}),
      },
    };
  }

  async function respondToken(request: PlainRequest, started: number): Promise<ResponderResult> {
    const decision = await tokens.decide(request.bodyText ?? '');
    const shape = `${decision.status} ${decision.outcome}`;
    const { answer, violations } = validated(
      tokenPath,
      jsonAnswer(decision.status, decision.envelope),
      decision.envelope,
      shape,
      decision.envelope.transactionId,
    );
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { answer, log: { outcome: decision.outcome, status: decision.status, latencyMs, ...(violations.length ? { violations } : {}) } };
  }

  return {
    store,
    journal,
    tokens,
    options: resolved,
    rules: () => rules,
    setRules(next) {
      rules = next;
      core.setRules(next);
    },
    async respond(request, { force } = {}) {
      const started = performance.now();
      const method = request.method.toUpperCase();
      if (request.path.startsWith('/__admin/')) {
        return { answer: respondAdmin(method, request.path, { store, journal, rules: () => rules.length, startedAt }) };
      }
      if (!operationPaths.has(request.path)) return { answer: gatewayAnswer(404) };
      if (method !== 'POST') return { answer: gatewayAnswer(405, { allow: 'POST, OPTIONS' }) };
      return request.path === enrollPath ? respondEnroll(request, force, started) : respondToken(request, started);
    },
  };
}
