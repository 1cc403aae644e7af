import type { EnrollFields } from '../fields/check-fields.js';
import type { CheckedImage } from '../image/check-image.js';
import type { ResolvedMockOptions } from '../settings/resolved-mock-options.js';
import type { RandomSource } from '../random/create-random.js';
import type { Fault } from './faults.js';
import type { RuleBook, ScopedRules } from '../rules/create-rule-book.js';
import type { RateWindow } from './rate-window.js';
import type { FaceImageBytes } from './face-image-bytes.js';

/** A stage's name, as the spec's `x-checks-order` of its operation lists it (force, prefer, fields, ...). */
export type StageName = string;

/**
 * Who chose the outcome, for the journal and the logs: the caller (`force`: the MSW helpers), the `Prefer`
 * header, the `X-Mock-Fault` header (`header`), the adapter's own configuration (`option`: --fault), a
 * fixture rule, or the realistic checks.
 */
export type DecisionSource = 'force' | 'prefer' | 'header' | 'option' | 'rule' | 'check';

interface VerdictBase {
  source: DecisionSource;
  /** Why, for people (journal, logs); never part of the vendor's envelope. */
  detail: string;
  /** The deciding rule's name (or #index). */
  rule?: string;
  /** Milliseconds added to the adapter's base delay. */
  delayMs?: number;
}

/**
 * What a stage says when it decides: a named example of the operation's catalog to render (with the data and
 * extra it carries), or a transport fault instead of any answer. `O` narrows the names to one catalog's.
 */
export type Verdict<O extends string = string> =
  (VerdictBase & { outcome: O; extra?: string; data?: unknown }) | (VerdictBase & { fault: Fault });

/** The request as the stages see it: headers lower-cased, the body parsed once. */
export interface StageRequest {
  headers: Record<string, string>;
  /** The parsed JSON body; undefined when there was none or it did not parse. */
  body: unknown;
  parseFailed: boolean;
  /** Why the body was not read, when parseFailed. */
  parseDetail?: string;
  /** Aborted when the client goes away: long work (a download) stops. */
  signal?: AbortSignal;
}

/**
 * The resolved options the stages read (a Pick of the one resolved shape, decision note 0038) and the mutable
 * state every operation's stages share (rules can be swapped, the rate window moves): one object per responder,
 * so one rate window counts every operation, as the vendor's limit does
 * (docs/vendor-api.md#rate-limiting-and-common-codes), and one random source draws every transaction id.
 */
export interface StageSettings extends Pick<ResolvedMockOptions, 'now' | 'digest' | 'regions' | 'fault' | 'rateLimit' | 'token' | 'image'> {
  random: RandomSource;
  ruleBook: RuleBook;
  /** The window when the caller passes none (the core run alone): in memory. */
  rateWindow: RateWindow;
  /** The rules' runtime part when the caller passes none (the core run alone): in memory. */
  ownRules: ScopedRules;
  verifyToken: ((token: string) => boolean | Promise<boolean>) | undefined;
}

/** What every stage of every operation reads. Operations extend it with what their own stages hand on. */
export interface StageContext {
  request: StageRequest;
  settings: StageSettings;
  /** The example names `Prefer: example=NAME` may force on this operation (its catalog's, less the stateful ones). */
  preferable: readonly string[];
  /** The catalog's examples Prefer cannot force, because their data comes from the mock's state (a journey SUCCESS). */
  stateful?: readonly string[];
  /** The caller's forced outcome or fault (test helpers), if any. */
  force?: string;
  /** The request's rate window when the state is shared (the input's); otherwise settings.rateWindow. */
  rateWindow?: RateWindow;
  /** The request's namespace's rules and counts (the input's); otherwise settings.ownRules. */
  rules?: ScopedRules;
  /** The body's image decoded and hashed once, for every stage that reads it (face-image-bytes.ts). */
  faceImageBytes?: FaceImageBytes;
}

/** Save Enroll's context: the fields and the image its stages read, for the stages after them. */
export interface EnrollContext extends StageContext {
  /** Set by the fields stage for the stages after it. */
  fields?: EnrollFields;
  /** Set by the image stage for the quality stage. */
  image?: CheckedImage;
}

/** One step of an operation's decision: it decides (a verdict) or passes (undefined) to the next. */
export interface Stage<C extends StageContext = StageContext> {
  name: StageName;
  run(context: C): Verdict | undefined | Promise<Verdict | undefined>;
}
