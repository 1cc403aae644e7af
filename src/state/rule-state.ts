import type { Rule } from '../core/rules/parse-rules.js';
import type { Awaitable } from './enrollment-store.js';

/** A runtime rule as the state keeps it: its id (`rt-N`) and the rule, already validated. */
export interface StoredRule {
  id: string;
  rule: Rule;
}

/** What one request reads of the rules' state: the runtime rules (newest first) and every hit count by its key. */
export interface RuleSnapshot {
  runtime: readonly StoredRule[];
  hits: ReadonlyMap<string, number>;
}

/**
 * Runtime rules and the hit counts of every rule (runtime and the file's), per namespace, wherever the state
 * lives (docs/decisions/0021-shared-rules.md). A count is keyed by the runtime rule's id, or by a file rule's
 * identity (its place and a hash of its JSON), so replicas started with the same file share their counts.
 */
export interface RuleState {
  snapshot(): Awaitable<RuleSnapshot>;
  /** Adds a runtime rule before the others; returns its id. */
  add(rule: Rule): Awaitable<string>;
  remove(id: string): Awaitable<boolean>;
  /** Removes every runtime rule (the file's counts stay). */
  clear(): Awaitable<void>;
  /**
   * Takes one hit of the rule counted under `key`, atomically: the 0-based number of the hit taken (the sequence
   * step), or -1 when `limit` hits were already taken or the runtime rule `runtimeId` is gone.
   */
  take(key: string, limit: number | undefined, runtimeId: string | undefined): Awaitable<number>;
  /** Forgets the runtime rules and every count (POST /__admin/reset of the namespace). */
  reset(): Awaitable<void>;
}

/** The in-memory rule state: synchronous, so MSW's `mock.rules` and the server's `rules` handle stay synchronous. */
export interface MemoryRuleState extends RuleState {
  snapshot(): RuleSnapshot;
  add(rule: Rule): string;
  remove(id: string): boolean;
  clear(): void;
  take(key: string, limit: number | undefined, runtimeId: string | undefined): number;
  reset(): void;
}

/** File rule counts are keyed `file:…`; `fileGeneration` moves when the file is reloaded, and their counts start again. */
export function createMemoryRuleState(fileGeneration: () => number = () => 0): MemoryRuleState {
  let runtime: StoredRule[] = [];
  let next = 1;
  const hits = new Map<string, number>();
  let generation = fileGeneration();
  const current = () => {
    if (fileGeneration() === generation) return;
    generation = fileGeneration();
    for (const key of [...hits.keys()]) if (key.startsWith('file:')) hits.delete(key);
  };
  return {
    snapshot() {
      current();
      return { runtime, hits };
    },
    add(rule) {
      const id = `rt-${next++}`;
      // Newest first: a rule a tester adds now should win over the ones added before it.
      runtime = [{ id, rule }, ...runtime];
      return id;
    },
    remove(id) {
      const before = runtime.length;
      runtime = runtime.filter((entry) => entry.id !== id);
      hits.delete(id);
      return runtime.length !== before;
    },
    clear() {
      for (const { id } of runtime) hits.delete(id);
      runtime = [];
    },
    take(key, limit, runtimeId) {
      current();
      if (runtimeId !== undefined && !runtime.some((entry) => entry.id === runtimeId)) return -1;
      const taken = hits.get(key) ?? 0;
      if (limit !== undefined && taken >= limit) return -1;
      hits.set(key, taken + 1);
      return taken;
    },
    reset() {
      runtime = [];
      hits.clear();
    },
  };
}
