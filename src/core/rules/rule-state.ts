import type { Rule } from './parse-rules.js';
/** A value now (memory) or later (a shared store). */
type Awaitable<T> = T | Promise<T>;

/*
 * The rules' part of the state port, declared where the rule book uses it (core); the state layer implements it
 * (memory: src/state/rule-state.ts, Redis: the node layer), so core never imports the state.
 */

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
export interface SyncRuleState extends RuleState {
  snapshot(): RuleSnapshot;
  add(rule: Rule): string;
  remove(id: string): boolean;
  clear(): void;
  take(key: string, limit: number | undefined, runtimeId: string | undefined): number;
  reset(): void;
}
