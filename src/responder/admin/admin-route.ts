import type { ScopedRules } from '../../core/rules/create-rule-book.js';
import type { AuthenticationState } from '../../state/authentication-store.js';
import type { EnrollmentState } from '../../state/enrollment-store.js';
import type { JournalState, StateHealth } from '../../state/mock-state.js';
import type { Completion, CompletionOutcome } from '../journey/complete-authentication.js';
import type { HttpAnswer } from '../answer.js';
import type { Coverage } from '../create-coverage.js';
import type { PlainRequest } from '../plain-request.js';
import { keptText } from '../../core/text/kept-text.js';
import { jsonBoundsProblem, MAX_JSON_DEPTH, MAX_JSON_VALUES } from '../../core/http/parse-bounded-json.js';

/** What admin endpoints may read and change. */
export interface AdminContext {
  store: EnrollmentState;
  journal: JournalState;
  /** Where the state lives and whether it answers (GET /__admin/health). */
  stateHealth(): Promise<StateHealth>;
  /** Forgets the namespace's shared state (enrollments, journal, rate window); in memory, nothing more to do. */
  resetState(): Promise<void>;
  /** The namespace's rules: its runtime rules and counts, with the file's rules. */
  rules: ScopedRules;
  coverage: Coverage;
  startedAt: number;
  authentications: AuthenticationState;
  /** A signed, expiring link to a stored face's bytes, relative to this server (`/__mock/faces/...`). */
  faceUrl(transactionId: string): Promise<string>;
  /** Ends an authentication as the H5 page does (callback included). */
  complete(signatureId: string, completion: Completion): Promise<CompletionOutcome>;
}

type Handler = (request: PlainRequest, params: Record<string, string>, context: AdminContext) => HttpAnswer | Promise<HttpAnswer>;

/** One admin path (spec/admin.yaml): `{name}` segments become params; one handler per method. */
export interface AdminRoute {
  path: string;
  methods: Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handler>>;
}

/** The request's JSON body, or a 400 answer saying why not. */
export function readJsonBody(request: PlainRequest, source: string): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const text = request.bodyText ?? '';
  const problem = jsonBoundsProblem(text, MAX_JSON_DEPTH, MAX_JSON_VALUES);
  if (problem) return { ok: false, errors: [`${source}: ${problem}`] };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, errors: [`${source}: the body is not JSON: ${keptText((error as Error).message, 200)}`] };
  }
}
