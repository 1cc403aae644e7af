import { createMemoryRateWindow } from '../core/stages/rate-window.js';
import { createMemoryRuleState } from '../core/rules/create-memory-rule-state.js';
import type { SyncRuleState } from '../core/rules/rule-state.js';
import { mockDefaults } from '../core/settings/mock-defaults.js';
import { createAuthenticationStore, type AuthenticationStore, type EvictableAuthentications } from './authentication-store.js';
import { createJournal, type EvictableJournal, type Journal } from './create-journal.js';
import { createEnrollmentStore, type EnrollmentStore, type EvictableStore } from './enrollment-store.js';
import type { MockState, RateWindow, StateBounds, StateHealth } from './mock-state.js';

/**
 * In-memory namespaces one state keeps besides the root (the one used least recently dropped first): enough for
 * the CI jobs of one machine. A namespace is made only when its state changes: reads of an unknown one answer empty.
 */
export const MAX_MEMORY_NAMESPACES = 100;

/** The bounds are the resolved options' (each kept across every namespace); alone, their defaults are mockDefaults. */
export interface MemoryStateOptions extends Partial<StateBounds> {
  /** The root namespace's enrollments, when the caller shares its own store (MockOptions.store). */
  enrollments?: EnrollmentStore;
  /** The rule book's generation: each namespace's file-rule counts start again when it moves (hot reload). */
  fileGeneration?: () => number;
}

/** The memory state: the port's answers are plain values here, so MSW's mock object and tests read them at once. */
export interface MemoryState extends MockState {
  readonly kind: 'memory';
  readonly enrollments: EnrollmentStore;
  readonly journal: Journal;
  readonly authentications: AuthenticationStore;
  readonly rules: SyncRuleState;
}

interface Space {
  enrollments: EnrollmentStore & Partial<EvictableStore>;
  journal: EvictableJournal;
  authentications: EvictableAuthentications;
  rateWindow: RateWindow & { hit(second: number): number };
  rules: SyncRuleState;
}

const ROOT = '';
const health = async (): Promise<StateHealth> => ({ kind: 'memory', reachable: true, detail: 'in this process' });

/**
 * The state port in this process (docs/decisions/0036-one-state-port.md): the root and up to
 * MAX_MEMORY_NAMESPACES namespaces, each with its own enrollments, journal, authentications, rate window and
 * rules, under budgets shared by all of them. Past a budget the namespace used least recently gives up its oldest
 * data first (image bytes, users, journal entries, authentications), so 100 namespaces hold what one may.
 * Isomorphic: what MSW, the browser and the server without --store redis:// run on.
 */
export function createMemoryState(options: MemoryStateOptions = {}): MemoryState {
  const imageCap = options.imageMemoryBytes ?? mockDefaults.imageMemoryBytes;
  const maxUsers = Math.max(1, options.maxUsers ?? mockDefaults.maxUsers);
  const journalSize = Math.max(0, options.journalSize ?? mockDefaults.journalSize);
  const maxAuthentications = Math.max(1, options.maxAuthentications ?? mockDefaults.maxAuthentications);
  const fileGeneration = options.fileGeneration ?? (() => 0);
  const make = (enrollments?: EnrollmentStore): Space => ({
    enrollments: enrollments ?? createEnrollmentStore(undefined, { imageMemoryBytes: imageCap, maxUsers }),
    journal: createJournal(journalSize),
    authentications: createAuthenticationStore(maxAuthentications),
    rateWindow: createMemoryRateWindow(),
    rules: createMemoryRuleState(fileGeneration),
  });
  // In insertion order, each use moving its namespace to the end: the first key is the one used least recently.
  const spaces = new Map<string, Space>([[ROOT, make(options.enrollments)]]);
  const root = spaces.get(ROOT)!;
  const existing = (name: string): Space | undefined => {
    const space = spaces.get(name);
    // The root is ordered by use like a namespace (it is never dropped whole): the least recently used pays first.
    if (space) {
      spaces.delete(name);
      spaces.set(name, space);
    }
    return space;
  };
  const made = (name: string): Space => {
    const known = existing(name);
    if (known) return known;
    const space = make();
    spaces.set(name, space);
    for (const oldest of spaces.keys()) {
      if (spaces.size <= MAX_MEMORY_NAMESPACES + 1) break;
      if (oldest !== ROOT) spaces.delete(oldest);
    }
    return space;
  };

  /** Takes from the namespaces used least recently until the sum of `size` is within `cap`. */
  const within = (cap: number, size: (space: Space) => number, drop: (space: Space) => boolean) => {
    let total = 0;
    for (const space of spaces.values()) total += size(space);
    for (const space of spaces.values()) {
      while (total > cap) {
        const before = size(space);
        if (before === 0 || !drop(space)) break;
        total -= before - size(space);
      }
      if (total <= cap) return;
    }
  };
  const enforce = () => {
    within(
      imageCap,
      (space) => (space.enrollments.dropOldestImage ? space.enrollments.imageBytes() : 0),
      (space) => space.enrollments.dropOldestImage?.() ?? false,
    );
    within(
      maxUsers,
      (space) => (space.enrollments.users ? space.enrollments.users() : 0),
      (space) => space.enrollments.forgetOldestUser?.() ?? false,
    );
    within(
      journalSize,
      (space) => space.journal.size,
      (space) => space.journal.dropOldest(),
    );
    within(
      maxAuthentications,
      (space) => space.authentications.size,
      (space) => space.authentications.dropOldest(),
    );
  };

  const view = (name: string): MemoryState => {
    // Reads of a namespace that holds nothing answer empty and make none; changes make it, then keep the budgets.
    const read = <T>(use: (space: Space) => T, empty: T): T => {
      const space = existing(name);
      return space ? use(space) : empty;
    };
    const write = <T>(use: (space: Space) => T): T => {
      const result = use(made(name));
      enforce();
      return result;
    };
    const enrollments: EnrollmentStore = {
      async add(enrollment, image) {
        await made(name).enrollments.add(enrollment, image);
        enforce();
      },
      image: (transactionId) => read((space) => space.enrollments.image(transactionId), undefined),
      remove: (userId) => read((space) => space.enrollments.remove(userId), 0),
      faces: (userId) => read((space) => space.enrollments.faces(userId), []),
      all: () => read((space) => space.enrollments.all(), []),
      async seed(list) {
        for (const enrollment of list) await enrollments.add(enrollment);
      },
      forget: (userId) => read((space) => space.enrollments.forget(userId), 0),
      reset: () => read((space) => space.enrollments.reset(), undefined),
      count: () => read((space) => space.enrollments.count(), 0),
      imageBytes: () => read((space) => space.enrollments.imageBytes(), 0),
    };
    const journal: Journal = {
      record: (entry) => write((space) => space.journal.record(entry)),
      list: () => read((space) => space.journal.list(), { requests: [], dropped: 0 }),
      clear: () => read((space) => space.journal.clear(), undefined),
      subscribe: (listener) => made(name).journal.subscribe(listener),
    };
    const authentications: AuthenticationStore = {
      add: (authentication) => write((space) => space.authentications.add(authentication)),
      get: (signatureId) => read((space) => space.authentications.get(signatureId), undefined),
      complete: (signatureId, result) => read((space) => space.authentications.complete(signatureId, result), undefined),
      all: () => read((space) => space.authentications.all(), []),
      reset: () => read((space) => space.authentications.reset(), undefined),
    };
    const rules: SyncRuleState = {
      snapshot: () => read((space) => space.rules.snapshot(), { runtime: [], hits: new Map<string, number>() }),
      add: (rule) => write((space) => space.rules.add(rule)),
      remove: (id) => read((space) => space.rules.remove(id), false),
      clear: () => read((space) => space.rules.clear(), undefined),
      take: (key, limit, runtimeId) => write((space) => space.rules.take(key, limit, runtimeId)),
      reset: () => read((space) => space.rules.reset(), undefined),
    };
    return {
      kind: 'memory',
      enrollments,
      journal,
      authentications,
      rateWindow: { hit: (second) => write((space) => space.rateWindow.hit(second)) },
      rules,
      namespace: (other) => view(other),
      async reset() {
        // The root stays (its store may be the caller's); a namespace is forgotten whole.
        if (name !== ROOT) return void spaces.delete(name);
        root.enrollments.reset();
        root.journal.clear();
        root.authentications.reset();
        root.rules.reset();
        root.rateWindow = createMemoryRateWindow();
      },
      health,
      close: async () => {},
    };
  };
  return view(ROOT);
}
