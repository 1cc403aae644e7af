import type { RuleEntry } from '../core/rules/create-rule-book.js';
import type { Rule } from '../core/rules/parse-rules.js';
import type { CoverageReport } from '../responder/create-coverage.js';
import type { EnrollmentState } from '../state/enrollment-store.js';
import type { JournalState } from '../state/mock-state.js';

/**
 * The root namespace's runtime rules, as /__admin/rules changes them: in memory or on Redis alike. The same names
 * as an MSW mock's `rules` (add, list, remove, clear), each a promise here.
 */
export interface StartedMockServerRules {
  /** Adds a rule before every other (validated as a rules file's; rejects with every problem named). */
  add(rule: Rule): Promise<RuleEntry>;
  /** Every rule in force, runtime rules first, with hit counts. */
  list(): Promise<RuleEntry[]>;
  /** Removes one runtime rule by its id; false when there is none. */
  remove(id: string): Promise<boolean>;
  /** Removes every runtime rule (the file's stay). */
  clear(): Promise<void>;
}

/** A mock server started from code (face-enroll-mock/server), listening until `close()`. */
export interface StartedMockServer {
  /** Where it listens, e.g. `http://127.0.0.1:41234`: the base URL to point the app under test at. */
  readonly url: string;
  /**
   * The root namespace's enrollments (what GET /__admin/enrollments lists), in memory or, with `storeUrl`, on
   * Redis: await its answers.
   */
  readonly store: EnrollmentState;
  /** The root namespace's requests, newest last (what GET /__admin/requests lists): await `list()`. */
  readonly journal: JournalState;
  /** The root namespace's runtime rules and their hits, wherever the state lives. */
  readonly rules: StartedMockServerRules;
  /** How many answers carried each documented outcome and fault since start (or the last reset). */
  coverage(): CoverageReport;
  /** Stops listening; requests still running get `shutdownGrace` ms to be answered. Resolves when closed. */
  close(): Promise<void>;
}
