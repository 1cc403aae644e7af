import type { RuleBook } from '../core/rules/create-rule-book.js';
import type { CoverageReport } from '../responder/create-coverage.js';
import type { Journal } from '../responder/create-journal.js';
import type { EnrollmentStore } from '../state/enrollment-store.js';

/** A mock server started from code (face-enroll-mock/server), listening until `close()`. */
export interface StartedMockServer {
  /** Where it listens, e.g. `http://127.0.0.1:41234`: the base URL to point the app under test at. */
  readonly url: string;
  /**
   * The enrollments it stored (what GET /__admin/enrollments lists), in memory. With `storeUrl` (Redis) the
   * enrollments live in Redis and this store stays empty: read them through the admin API.
   */
  readonly store: EnrollmentStore;
  /** The requests it answered, newest last (what GET /__admin/requests lists). */
  readonly journal: Journal;
  /**
   * The responder's rule book: add a runtime rule, list the rules in force with their hits, clear them (the root
   * namespace's, in memory). With `--store redis://` its runtime methods throw: use /__admin/rules.
   */
  readonly rules: RuleBook;
  /** How many answers carried each documented outcome and fault since start (or the last reset). */
  coverage(): CoverageReport;
  /** Stops listening; requests still running get `shutdownGrace` ms to be answered. Resolves when closed. */
  close(): Promise<void>;
}
