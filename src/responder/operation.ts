import type { EnrollCore } from '../core/enroll/create-enroll-core.js';
import type { TokenCore } from '../core/token/create-token-core.js';
import type { Fault } from '../core/stages/faults.js';
import type { OutcomeName } from '../core/envelope/outcome-catalog.js';
import type { AuthenticationState } from '../state/authentication-store.js';
import type { TokenOutcomeName } from '../generated/outcomes.js';
import type { EnrollmentState } from '../state/enrollment-store.js';
import type { JournalState } from '../state/mock-state.js';
import type { RateWindow } from '../core/stages/rate-window.js';
import type { JourneySettings } from './journey/journey-settings.js';
import type { Answer, HttpAnswer } from './answer.js';
import type { JournalEntry } from '../state/create-journal.js';
import type { OperationCatalog } from '../core/envelope/operation-catalogs.js';
import type { DecisionSource, Stage, StageName } from '../core/stages/stage.js';
import type { Coverage } from './create-coverage.js';
import type { ResolvedMockOptions } from '../core/settings/resolved-mock-options.js';
import type { ScopedRules } from '../core/rules/create-rule-book.js';
import type { PlainRequest } from './plain-request.js';

export interface RespondOptions {
  /** Answer this outcome or fault whatever the request (the MSW one-shot helpers). */
  force?: OutcomeName | Fault;
  /** Answer this named generate-token example whatever the request (the MSW helper tokenOutcome). */
  forceToken?: TokenOutcomeName;
  /** Wait this many milliseconds, then decide the request as usual (the MSW helper delay). */
  delayMs?: number;
}

export interface ResponderResult {
  answer: Answer;
  /** What the adapter may log: the operation, its outcome (a fault's name), the status sent (0: none) and latency. */
  log?: {
    operation?: OperationId;
    outcome: string;
    status: number;
    latencyMs: number;
    /** What decided: rule, check, prefer or force, and the stage. */
    source?: string;
    stage?: string;
    rule?: string;
    fault?: Fault;
    violations?: string[];
  };
}

/** What every operation may use: the responder's state and its contract check. */
export interface OperationContext {
  options: ResolvedMockOptions;
  /** The state is shared between processes (MockOptions.state): its failures are the store's, not the mock's. */
  sharedState: boolean;
  core: EnrollCore;
  tokens: TokenCore;
  /** The enrolled state: the in-memory store, or the shared one (its answers are promises: await them). */
  store: EnrollmentState;
  journal: JournalState;
  /** The request's rate window when the state is shared; undefined: the core counts in memory. */
  rateWindow: RateWindow;
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

/** An operation by its spec operationId, as the journal and coverage name it. */
export type OperationId = NonNullable<JournalEntry['operation']>;

/** What an operation decided, before the one frame (create-operation.ts) waits, stores, renders and journals it. */
export interface OperationDecision {
  /** The example to render; for a transport fault, the fault's name (no example is rendered). */
  outcome: string;
  fault?: Fault;
  /** The stage that decided (the operation's x-checks-order), or `success`. */
  stage: StageName | 'success';
  source: DecisionSource;
  rule?: string;
  detail: string;
  delayMs: number;
  transactionId: string;
  extra?: string | null;
  data?: unknown;
  /** Headers besides the example's own (X-Mock-Decision). */
  headers?: Record<string, string>;
  /** What the journal keeps of the request besides the common fields (userId, accessKey, enroll's facts). */
  facts?: Partial<JournalEntry>;
  /** The state change, after the delay and only when the client is still there; may say what it did. */
  commit?: () => Promise<string | void>;
}

/**
 * One POST operation of the API, as a declaration: its path and operationId, its catalog (generated from the
 * spec) and envelope shape, its stages in order (held to the spec's x-checks-order by test/spec/checks-order.test.ts),
 * and how it decides (runStages over those stages). The responder routes by `path`; create-operation.ts runs it.
 */
export interface OperationDeclaration {
  path: string;
  operationId: OperationId;
  catalog: OperationCatalog;
  /** Whether its envelope carries `pricingStrategy` (its schema's choice). */
  pricing: boolean;
  /** The stages in their default order (with `token: issued` the token check moves right after force). */
  stages: readonly Stage<never>[];
  decide(request: PlainRequest, context: OperationContext, force: string | undefined): Promise<OperationDecision>;
}

/** An operation ready to answer: the declaration and the frame that runs it. */
export interface Operation extends OperationDeclaration {
  respond(request: PlainRequest, context: OperationContext, options: RespondOptions, started: number): Promise<ResponderResult>;
}
