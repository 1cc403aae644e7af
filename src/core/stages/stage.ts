import type { EnrollFields } from '../check-fields.js';
import type { CheckedImage, ImageCheckOptions } from '../check-image.js';
import type { RandomSource } from '../create-random.js';
import type { Fault } from '../faults.js';
import type { OutcomeName } from '../outcome-catalog.js';
import type { RuleBook, ScopedRules } from '../rules/create-rule-book.js';
import type { RateWindow } from '../../state/mock-state.js';

/** The stages of the enroll decision, in their default order (spec: x-checks-order). */
export type StageName = 'force' | 'prefer' | 'fault' | 'rate-limit' | 'rules' | 'token' | 'content-type' | 'fields' | 'image' | 'quality';

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

/** What a stage says when it decides: an outcome to render, or a transport fault instead of any answer. */
export type Verdict = (VerdictBase & { outcome: OutcomeName; extra?: string }) | (VerdictBase & { fault: Fault });

/** The request as the stages see it: headers lower-cased, the body parsed once. */
export interface EnrollRequest {
  headers: Record<string, string>;
  /** The parsed JSON body; undefined when there was none or it did not parse. */
  body: unknown;
  parseFailed: boolean;
  /** Why the body was not read, when parseFailed. */
  parseDetail?: string;
  /** Aborted when the client goes away: long work (a download) stops. */
  signal?: AbortSignal;
}

/** The core's resolved options and its own mutable state (rules can be swapped, the rate window moves). */
export interface EnrollSettings {
  random: RandomSource;
  now: () => Date;
  digest: (bytes: Uint8Array) => string | Promise<string>;
  ruleBook: RuleBook;
  supportedRegions: ReadonlySet<string> | undefined;
  fault: Fault | undefined;
  rateLimit: number | undefined;
  rateWindow: { second: number; count: number };
  token: 'off' | 'any' | 'issued';
  verifyToken: ((token: string) => boolean | Promise<boolean>) | undefined;
  image: ImageCheckOptions;
}

export interface EnrollContext {
  request: EnrollRequest;
  settings: EnrollSettings;
  /** The caller's forced outcome or fault (test helpers), if any. */
  force?: OutcomeName | Fault;
  /** Set by the fields stage for the stages after it. */
  fields?: EnrollFields;
  /** Set by the image stage for the quality stage. */
  image?: CheckedImage;
  /** The request's rate window when the state is shared (the input's); otherwise settings.rateWindow. */
  rateWindow?: RateWindow;
  /** The request's namespace's rules and counts (the input's); otherwise settings.ruleBook's own. */
  rules?: ScopedRules;
}

/** One step of the decision: it decides (a verdict) or passes (undefined) to the next. */
export interface Stage {
  name: StageName;
  run(context: EnrollContext): Verdict | undefined | Promise<Verdict | undefined>;
}
