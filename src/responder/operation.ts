import type { EnrollCore, EnrollDecision } from '../core/create-enroll-core.js';
import type { TokenCore } from '../core/create-token-core.js';
import type { Fault } from '../core/faults.js';
import type { HeadersInput } from '../core/normalize-headers.js';
import type { OutcomeName } from '../core/outcome-catalog.js';
import type { AuthenticationState } from '../state/authentication-store.js';
import type { TokenOutcomeName } from '../generated/outcomes.js';
import type { EnrollmentState } from '../state/enrollment-store.js';
import type { JournalState, RateWindow } from '../state/mock-state.js';
import type { JourneySettings } from './journey/journey-settings.js';
import type { Answer, HttpAnswer } from './answer.js';
import type { Coverage } from './create-coverage.js';
import type { ResolvedMockOptions } from './mock-options.js';
import type { ScopedRules } from '../core/rules/create-rule-book.js';

/** A request as every adapter can give it: no streams, no framework types. */
export interface PlainRequest {
  method: string;
  /** The path the operation is routed by (without the query); MSW passes the operation's own path. */
  path: string;
  /** The query string (`?a=1`), for the admin API's filters; operations ignore it. */
  query?: string;
  headers?: HeadersInput;
  bodyText?: string;
  /**
   * The JSON body already parsed by the adapter, when it could do it cheaper than JSON.parse of bodyText (the
   * server parses from the bytes: src/server/parse-json-body.ts); undefined leaves the parsing to the operation.
   */
  body?: unknown;
  /** Aborted when the client goes away: a download stops, and nothing is stored. */
  signal?: AbortSignal;
  /** The origin the request came to (`http://127.0.0.1:4010`), for the URLs the mock serves itself. */
  origin?: string;
}

export interface RespondOptions {
  /** Answer this outcome or fault whatever the request (the MSW one-shot helpers). */
  force?: OutcomeName | Fault;
  /** Answer this named generate-token example whatever the request (the MSW helper tokenOutcome). */
  forceToken?: TokenOutcomeName;
}

export interface ResponderResult {
  answer: Answer;
  /** What the adapter may log: the operation's outcome, status (0 for a fault) and latency. */
  log?: {
    outcome: string;
    status: number;
    latencyMs: number;
    /** What decided (enroll): rule, check, prefer or force, and the stage. */
    source?: string;
    stage?: string;
    rule?: string;
    fault?: Fault;
    violations?: string[];
  };
  /** The enroll decision, for callers that want it (MSW's onDecision). */
  decision?: EnrollDecision;
}

/** What every operation may use: the responder's state and its contract check. */
export interface OperationContext {
  options: ResolvedMockOptions;
  core: EnrollCore;
  tokens: TokenCore;
  /** The enrolled state: the in-memory store, or the shared one (its answers are promises: await them). */
  store: EnrollmentState;
  journal: JournalState;
  /** The request's rate window when the state is shared; undefined: the core counts in memory. */
  rateWindow?: RateWindow;
  coverage: Coverage;
  /** The H5 authentications (Generate URL, the page, Get Result). */
  authentications: AuthenticationState;
  /** The journey's settings and its own id source. */
  journey: JourneySettings;
  /** The rules in force for the request's namespace (runtime rules, the file's, their counts). */
  rules: ScopedRules;
  now: () => Date;
  /** The contract check on an operation's JSON answer (strict turns a violation into a 500). */
  validated(
    path: string,
    answer: HttpAnswer,
    body: unknown,
    shapeKey: string,
    transactionId: string,
  ): { answer: HttpAnswer; violations: string[] };
  /** Milliseconds since the request arrived, to one decimal. */
  elapsed(started: number): number;
}

/** One POST operation of the API: the responder routes by `path` and hands the request over. */
export interface Operation {
  path: string;
  respond(request: PlainRequest, context: OperationContext, options: RespondOptions, started: number): Promise<ResponderResult>;
}
