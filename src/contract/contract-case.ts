import type { Fault } from '../core/stages/faults.js';
import type { ContractOperation } from './contract-operations.js';
import type { ReceivedAnswer } from './received-answer.js';

/** A state-building step run through the same target before the request (the journey's scenarios). */
export type GivenStep =
  | { enroll: Record<string, unknown> }
  | { generate: Record<string, unknown> }
  | { complete: { result: 'PASS' | 'FAIL' | 'INCOMPLETE'; reason?: string } };

/** The documented envelope a scenario's request gets. */
export interface EnvelopeExpectation {
  outcome: string;
  status: number;
  code: string;
  message: string;
  /** Parts of `data` the answer must have ({ $length: N } for an array's length, { $matches: RE } for a string). */
  data?: unknown;
  /** The change in stored faces (default: 1 for an enroll SUCCESS, else 0). */
  storeChange?: number;
  /** The answer comes this many ms late at least (the `delay` option). */
  minLatencyMs?: number;
}

/** No envelope at all: the transport fault the adapter must express (a mock configured with `options`). */
export interface FaultExpectation {
  fault: Fault;
  minLatencyMs?: number;
  storeChange?: number;
}

/**
 * One file of fixtures/scenarios/*.yaml (the format `face-enroll-mock proxy --record` writes): a request and the
 * answer the vendor documents for it. The contract command runs the ones a target can be asked for
 * (ContractCase); the kit's own adapters run them all.
 */
export interface Scenario {
  /** The file's name without `.yaml`: the scenario's id in every report (`01-success-jpeg-base64`). */
  id: string;
  /** What the scenario proves, as a sentence. */
  name: string;
  /** The operation the request goes to (contract-operations.ts); Save Enroll when absent. */
  operation?: ContractOperation;
  /**
   * Steps that build the state first, through the same target: enroll a face, generate a URL (its signatureId is
   * `$signatureId` in later bodies), complete the authentication (the mock's admin completion; mock targets only).
   */
  given?: GivenStep[];
  /** `natural`: any conforming API answers so; `rule` and `prefer`: only the mock can be told to. */
  trigger: 'natural' | 'rule' | 'prefer';
  note?: string;
  /** The mock's options for this scenario alone (`rateLimit`, `fault`, `delay`, ...): a target cannot be configured so. */
  options?: Record<string, unknown>;
  request: { headers?: Record<string, string>; body?: unknown; bodyText?: string };
  expect: EnvelopeExpectation | FaultExpectation;
}

/** A scenario the contract command can run on any target: no mock options, an envelope expected. */
export type ContractCase = Omit<Scenario, 'options' | 'expect'> & { expect: EnvelopeExpectation };

export const isContractCase = (scenario: Scenario): scenario is ContractCase => !scenario.options && !('fault' in scenario.expect);

/**
 * pass: the documented answer (or a known variant of its message, with a note). warn: message drift (same code,
 * another text; the vendor says texts may change). fail: another status or code, a schema violation, or no
 * answer. skip: the case cannot run against this target, always with the reason.
 */
export type CaseStatus = 'pass' | 'warn' | 'fail' | 'skip';

export type CaseKind =
  | 'known-variant'
  | 'accepted-drift'
  | 'message-drift'
  | 'additive-drift'
  | 'code-drift'
  | 'status-drift'
  | 'schema'
  | 'timeout'
  | 'transport'
  | 'setup'
  | 'configuration'
  | 'skipped';

/** One drift of an answer that is a warning (or accepted by a baseline): its kind and what was seen. */
export interface Drift {
  kind: 'message-drift' | 'additive-drift';
  /** The message received, or the JSON paths of the fields the spec does not describe (`requestId, data.score`). */
  seen: string;
}

export interface CaseResult {
  id: string;
  name: string;
  status: CaseStatus;
  /** The operation the case's request went to (the baseline's first key). */
  operation?: ContractOperation | 'token';
  /** What kind of pass, warning, failure or skip; absent for a plain pass. */
  kind?: CaseKind;
  /** Why it was not a plain pass, in a sentence. */
  reason?: string;
  expected?: { status: number; code: string; message: string };
  got?: { status: number; code?: string; message?: string };
  /** The warnings' drifts (and, once a baseline accepted them, the accepted ones): what a baseline is keyed by. */
  drifts?: Drift[];
  /** What the target answered, for a case that is not a plain pass (received-answer.ts: bounded, no image, no token). */
  received?: ReceivedAnswer;
  /** Time the case took, in ms. */
  ms: number;
}

export interface ContractReport {
  /** The target's base URL (for the self-check, the in-process server's). */
  target: string;
  /** `mock` when the target is the kit's own server (every case runs), `real` otherwise (natural cases only). */
  mode: 'mock' | 'real';
  startedAt: string;
  ms: number;
  results: CaseResult[];
  totals: Record<CaseStatus, number>;
  /** userIds the run enrolled on the target. */
  enrolledUserIds: string[];
  /** The baseline of accepted drifts the run was judged with (`--baseline FILE`). */
  baseline?: string;
  /** Why the run could not run as configured (exit 2): also the one failing result, so every report says it. */
  configurationError?: string;
  /** Those the run removed again afterwards with delete-enroll (all of them, unless the target refused). */
  removedUserIds: string[];
}

export function totalsOf(results: readonly CaseResult[]): Record<CaseStatus, number> {
  const totals = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of results) totals[r.status]++;
  return totals;
}
