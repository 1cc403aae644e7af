import type { components } from '../generated/admin.js';
import type { RateWindow } from '../core/stages/rate-window.js';
import type { AuthenticationState } from './authentication-store.js';
import type { Awaitable, EnrollmentState } from './enrollment-store.js';
import type { RuleState } from './rule-state.js';
import type { ResolvedMockOptions } from '../core/settings/resolved-mock-options.js';

/** What bounds a state, memory or shared (docs/reliability.md): the resolved options' caps. */
export type StateBounds = Pick<ResolvedMockOptions, 'imageMemoryBytes' | 'maxUsers' | 'journalSize' | 'maxAuthentications'>;

type JournalEntry = components['schemas']['JournalEntry'];

/** The journal as the responder writes and the admin API reads it: in memory (a ring buffer) or shared (a stream). */
export interface JournalState {
  /** Records an entry; never throws and never waits (a shared journal writes in the background). */
  record(entry: Omit<JournalEntry, 'id'>): void;
  list(): Awaitable<{ requests: JournalEntry[]; dropped: number }>;
  clear(): Awaitable<void>;
  /**
   * Calls `listener` with each entry this process records from now on, with its id, once stored (the console's
   * live view); returns the unsubscribe.
   */
  subscribe(listener: (entry: JournalEntry) => void): () => void;
}

export type { RateWindow } from '../core/stages/rate-window.js';

/** What GET /__admin/health reports of the state. */
export interface StateHealth {
  kind: 'memory' | 'redis';
  reachable: boolean;
  /** Where it lives, without credentials (`redis://127.0.0.1:6379/0`), and why it is unreachable. */
  detail: string;
}

/**
 * The responder's state behind one asynchronous port with two implementations (docs/decisions/0018-shared-state-port.md,
 * 0036-one-state-port.md): in memory (createMemoryState: MSW, the browser, the server's default) and on Redis
 * (the server's `--store redis://`, what replicas behind a load balancer agree on). The responder asks it for a
 * namespace's state and never asks which it is.
 */
export interface MockState {
  readonly kind: 'memory' | 'redis';
  readonly enrollments: EnrollmentState;
  readonly journal: JournalState;
  readonly rateWindow: RateWindow;
  /** The H5 authentications (Generate URL, the page, Get Result), so a journey may cross replicas. */
  readonly authentications: AuthenticationState;
  /** Runtime rules and the hit counts of every rule, so `times` and `sequence` hold across replicas. */
  readonly rules: RuleState;
  /**
   * The same kind of state under its own keys (X-Mock-Namespace): what one CI job sees and resets. Reading a
   * namespace that holds nothing makes none; the port bounds and evicts its namespaces (docs/reliability.md).
   */
  namespace(name: string): MockState;
  /** Forgets this namespace's enrollments, journal, rate window, runtime rules and rule counts. */
  reset(): Promise<void>;
  health(): Promise<StateHealth>;
  close(): Promise<void>;
}

/** X-Mock-Namespace values: short, and safe inside a key and a glob pattern. */
export const NAMESPACE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
