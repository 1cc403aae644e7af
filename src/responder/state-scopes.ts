import { normalizeHeaders, type HeadersInput } from '../core/http/normalize-headers.js';
import { createAuthenticationStore, type AuthenticationState } from '../state/authentication-store.js';
import { createEnrollmentStore, type EnrollmentState, type EnrollmentStoreOptions } from '../state/enrollment-store.js';
import { NAMESPACE_PATTERN, type JournalState, type MockState, type StateHealth } from '../state/mock-state.js';
import type { RateWindow } from '../core/stages/rate-window.js';
import { jsonAnswer, type HttpAnswer } from './answer.js';
import { operationEnvelopeAnswer } from './operation-envelope.js';
import type { RuleBook, ScopedRules } from '../core/rules/create-rule-book.js';
import { createJournal, type Journal } from './create-journal.js';

/** The state one request works on: its namespace's, or the responder's own. */
export interface StateScope {
  store: EnrollmentState;
  journal: JournalState;
  authentications: AuthenticationState;
  /** Set when the window is not the core's own (a namespace, a shared store). */
  rateWindow?: RateWindow;
  /** The namespace's runtime rules and counts, with the file's rules. */
  rules: ScopedRules;
  health(): Promise<StateHealth>;
  /** Forgets what reset() of the store and journal does not reach (a shared namespace's keys, its rate window). */
  reset(): Promise<void>;
}

/**
 * In-memory namespaces one responder keeps (the one used least recently dropped first): enough for the CI jobs of
 * one machine. A namespace counts once its state is used: a request that reaches no state (an unknown path) makes none.
 */
export const MAX_MEMORY_NAMESPACES = 100;

export const NAMESPACE_HEADER = 'x-mock-namespace';

function memoryWindow(): RateWindow {
  let [second, count] = [0, 0];
  return {
    hit(now) {
      if (now !== second) [second, count] = [now, 0];
      return ++count;
    },
  };
}

/**
 * Picks each request's state by its X-Mock-Namespace header (docs/deployment.md): without one, the root scope
 * (the responder's in-memory store and journal, or the shared state's root namespace); with one, that
 * namespace's own enrollments, journal, authentications and rate window, so CI jobs sharing one deployment do not see each other.
 * With a shared state the journal also goes to this process's ring buffer, which the console's live view reads.
 */
export function createStateScopes(
  local: {
    store: EnrollmentState;
    journal: Journal;
    authentications: AuthenticationState;
    journalSize: number;
    storeOptions: EnrollmentStoreOptions;
    maxAuthentications: number | undefined;
    ruleBook: RuleBook;
  },
  shared: MockState | undefined,
) {
  const memoryHealth = async (): Promise<StateHealth> => ({ kind: 'memory', reachable: true, detail: 'in this process' });
  const sharedScope = (state: MockState): StateScope => ({
    store: state.enrollments,
    journal: {
      record(entry) {
        local.journal.record(entry);
        state.journal.record(entry);
      },
      list: () => state.journal.list(),
      async clear() {
        local.journal.clear();
        await state.journal.clear();
      },
    },
    authentications: state.authentications,
    rateWindow: state.rateWindow,
    rules: local.ruleBook.scope(state.rules),
    health: () => state.health(),
    reset: () => state.reset(),
  });
  const root: StateScope = shared
    ? sharedScope(shared)
    : {
        store: local.store,
        journal: local.journal,
        authentications: local.authentications,
        rules: local.ruleBook.own,
        health: memoryHealth,
        reset: async () => {},
      };
  // In insertion order, each use moving its namespace to the end: the first key is the one used least recently.
  const namespaces = new Map<string, StateScope>();
  const use = (name: string, scope: StateScope) => {
    namespaces.delete(name);
    namespaces.set(name, scope);
    for (const oldest of namespaces.keys()) {
      if (namespaces.size <= MAX_MEMORY_NAMESPACES) break;
      namespaces.delete(oldest);
    }
  };
  // Namespaces named but not used yet (requests in flight), so that two first requests share one; the oldest go first.
  const pending = new Map<string, StateScope>();
  const namespaced = (name: string): StateScope => {
    const known = namespaces.get(name);
    if (known) return (use(name, known), known);
    if (shared) return sharedScope(shared.namespace(name));
    const waiting = pending.get(name);
    if (waiting) return waiting;
    // Kept only once a method of its state is called: names sent to unknown paths cost nothing and evict no one.
    const scope: StateScope = {
      store: onFirstCall(createEnrollmentStore(undefined, local.storeOptions), () => keep()),
      journal: onFirstCall(createJournal(local.journalSize), () => keep()),
      authentications: onFirstCall(createAuthenticationStore(local.maxAuthentications), () => keep()),
      rateWindow: onFirstCall(memoryWindow(), () => keep()),
      rules: onFirstCall(local.ruleBook.scope(local.ruleBook.memoryState()), () => keep()),
      health: memoryHealth,
      reset: async () => {},
    };
    const keep = () => {
      if (namespaces.get(name) === scope) return;
      pending.delete(name);
      use(name, scope);
    };
    pending.set(name, scope);
    for (const oldest of pending.keys()) {
      if (pending.size <= MAX_MEMORY_NAMESPACES) break;
      pending.delete(oldest);
    }
    return scope;
  };
  return {
    root,
    /** The request's scope, or why its X-Mock-Namespace is refused. */
    forRequest(headers: HeadersInput | undefined): StateScope | { error: string } {
      const name = normalizeHeaders(headers)[NAMESPACE_HEADER];
      if (name === undefined || name === '') return root;
      if (!NAMESPACE_PATTERN.test(name))
        return {
          error: `X-Mock-Namespace ${JSON.stringify(name.slice(0, 80))} must be 1 to 64 of A-Z a-z 0-9 . _ - (one name per CI job)`,
        };
      return namespaced(name);
    },
  };
}

/** `target` with `first` called before any of its methods is (a fresh namespace's state, kept once used). */
function onFirstCall<T extends object>(target: T, first: () => void): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        first();
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

/**
 * What a request gets when the shared store fails (Redis gone): each API operation its own ERROR envelope (its
 * catalog status; Generate URL and Get Result without pricingStrategy), with why in `extra`; the admin API and
 * the mock's own pages a 503. Never a crash.
 */
export function stateFailureAnswer(path: string, error: unknown, transactionId: string): HttpAnswer {
  const why = `the shared store failed: ${(error as Error)?.message ?? String(error)}`.slice(0, 300);
  if (path.startsWith('/__admin/') || path.startsWith('/__mock/')) return jsonAnswer(503, { error: why }, { 'retry-after': '1' });
  return operationEnvelopeAnswer(path, 'ERROR', why, transactionId);
}
