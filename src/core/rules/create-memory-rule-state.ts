import type { StoredRule, SyncRuleState } from './rule-state.js';

/** File rule counts are keyed `file:…`; `fileGeneration` moves when the file is reloaded, and their counts start again. */
export function createMemoryRuleState(fileGeneration: () => number = () => 0): SyncRuleState {
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
