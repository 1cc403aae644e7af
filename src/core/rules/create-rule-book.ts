import { validateRules, type Rule } from './validate-rules.js';
import { keptText } from '../text/kept-text.js';
import type { RuleSnapshot, RuleState, SyncRuleState } from './rule-state.js';

/** A rule in force, with what the rules stage counts: how many times it was taken. */
export interface RuleEntry {
  /** `file-N` for the Nth rule of the rules file (or option), `rt-N` for a runtime rule. */
  id: string;
  origin: 'file' | 'runtime';
  /** The rule's name, or its place (`#N` in the file, `runtime rt-N`): what logs and the journal show. */
  label: string;
  rule: Rule;
  /** Times the rule was taken (it matched and answered); `times` and `sequence` are counted against it. */
  hits: number;
}

export interface RulesState {
  /** How many rules are in force (runtime and file). */
  count: number;
  runtime: number;
  /** The rules file, when the rules came from one. */
  file: string | null;
  /** When the file's rules were last loaded (ISO time). */
  loadedAt: string;
  /** The last edit of the file that was refused (the last good rules stayed), or null when the last edit was good. */
  lastRejected: { at: string; error: string } | null;
}

type Added = { ok: true; entry: RuleEntry } | { ok: false; errors: string[] };

/** The rules one namespace sees (its runtime rules, then the file's) with its own counts, wherever they live. */
export interface ScopedRules {
  entries(): Promise<RuleEntry[]>;
  /** Takes one hit of the entry in the store: the sequence step (0-based) it answers, or -1 when it is used up. */
  take(entry: RuleEntry): Promise<number>;
  tryAdd(value: unknown, source: string): Promise<Added>;
  remove(id: string): Promise<boolean>;
  clearRuntime(): Promise<void>;
  /** Forgets the namespace's runtime rules and every count (POST /__admin/reset). */
  reset(): Promise<void>;
  state(): Promise<RulesState>;
}

/** The synchronous handle over an in-memory rule state (MSW's `mock.rules`): the same methods, plain answers. */
export interface SyncRules {
  /** Runtime rules first, then the file's: the order the rules stage tries them. */
  entries(): RuleEntry[];
  /** Adds a runtime rule (already validated); it comes before every file rule and the earlier runtime ones. */
  add(rule: Rule): RuleEntry;
  /** Validates one rule as a rules file's would be (same messages, naming `source`), then adds it. */
  tryAdd(value: unknown, source: string): Added;
  remove(id: string): boolean;
  /** Removes every runtime rule. */
  clearRuntime(): void;
}

/**
 * The file's rules (start-up, hot reload) and how to see them with a namespace's runtime rules and counts. The
 * runtime rules and counts live in the state port (RuleState: memory or Redis), never here: the book only
 * joins them to the file's, so one book serves every namespace of every backend. Isomorphic; one per responder.
 */
export interface RuleBook {
  /** Replaces the file's rules (start-up, hot reload): their hit counts start again. Runtime rules stay. */
  setFileRules(rules: readonly Rule[], file?: string | null): void;
  /** Notes an edit of the rules file that was refused (health reports it until the next good load). */
  reject(error: string): void;
  /** Moves at each setFileRules: an in-memory rule state starts the file's counts again when it moves. */
  generation(): number;
  /** The file's rules with the runtime rules and counts of `state` (a namespace's, memory or shared). */
  scope(state: RuleState): ScopedRules;
  /** The same over an in-memory state, synchronously (MSW's `mock.rules`). */
  sync(state: SyncRuleState): SyncRules;
}

/** A short, stable fingerprint of a rule's JSON (FNV-1a, two 32-bit lanes): not a secret, only an identity. */
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** Runtime rules one namespace keeps (a bound like the journal's: an admin client in a loop cannot fill memory). */
export const MAX_RUNTIME_RULES = 1000;
/** The largest runtime rule, as JSON text: rules are a few hundred characters; a body of megabytes is a mistake. */
export const MAX_RULE_CHARACTERS = 16 * 1024;

/** Why a runtime rule cannot be added on top of `held` others, if it cannot. */
function overLimit(value: unknown, held: number, where: string): string | undefined {
  if (held >= MAX_RUNTIME_RULES)
    return `${where}: ${MAX_RUNTIME_RULES} runtime rules are held already, the most one namespace keeps: remove some (DELETE /__admin/rules/{id}) or all (DELETE /__admin/rules) first`;
  const size = JSON.stringify(value)?.length ?? 0;
  if (size > MAX_RULE_CHARACTERS)
    return `${where}: the rule is ${size} characters of JSON, more than the ${MAX_RULE_CHARACTERS} a rule may take: match with a prefix or a regex instead of long literal values`;
  return undefined;
}

const runtimeLabel = (rule: Rule, id: string) => (rule.name !== undefined ? keptText(rule.name, 100) : `runtime ${id}`);

/** How many hits a rule may take: its `times`, its sequence's length (the smaller), or no limit. */
function limitOf(rule: Rule): number | undefined {
  const limits = [rule.times, rule.sequence?.length].filter((n): n is number => n !== undefined);
  return limits.length ? Math.min(...limits) : undefined;
}

export function createRuleBook(rules: readonly Rule[] = [], file: string | null = null, now: () => Date = () => new Date()): RuleBook {
  // A file rule's count key: its place and its JSON, so replicas loaded from the same file count it together.
  let fileRules: Array<{ id: string; label: string; rule: Rule; key: string }> = [];
  let generation = 0;
  let loadedAt = now().toISOString();
  let source = file;
  let lastRejected: RulesState['lastRejected'] = null;

  const list = ({ runtime, hits }: RuleSnapshot): RuleEntry[] => [
    ...runtime.map(({ id, rule }) => ({ id, origin: 'runtime' as const, label: runtimeLabel(rule, id), rule, hits: hits.get(id) ?? 0 })),
    ...fileRules.map(({ id, label, rule, key }) => ({ id, origin: 'file' as const, label, rule, hits: hits.get(key) ?? 0 })),
  ];
  const describe = (runtime: number): RulesState => ({ count: runtime + fileRules.length, runtime, file: source, loadedAt, lastRejected });
  const validateOne = (value: unknown, where: string): { ok: true; rule: Rule } | { ok: false; errors: string[] } => {
    if (Array.isArray(value)) return { ok: false, errors: [`${where}: send one rule (an object), not a list`] };
    const parsed = validateRules({ rules: [value] }, where);
    return parsed.ok ? { ok: true, rule: parsed.rules[0]! } : parsed;
  };
  const keyOf = (entry: RuleEntry) =>
    entry.origin === 'runtime' ? entry.id : (fileRules.find((known) => known.rule === entry.rule)?.key ?? `file:${entry.id}`);

  const scope = (state: RuleState): ScopedRules => ({
    entries: async () => list(await state.snapshot()),
    take: async (entry) => state.take(keyOf(entry), limitOf(entry.rule), entry.origin === 'runtime' ? entry.id : undefined),
    async tryAdd(value, where) {
      const refused = overLimit(value, (await state.snapshot()).runtime.length, where);
      if (refused) return { ok: false, errors: [refused] };
      const valid = validateOne(value, where);
      if (!valid.ok) return valid;
      const id = await state.add(valid.rule);
      return { ok: true, entry: { id, origin: 'runtime', label: runtimeLabel(valid.rule, id), rule: valid.rule, hits: 0 } };
    },
    remove: async (id) => state.remove(id),
    clearRuntime: async () => state.clear(),
    reset: async () => state.reset(),
    // Health asks this while the shared store may be away: it then reports the file's rules (and answers 503 for the store).
    state: async () =>
      describe(
        await Promise.resolve(state.snapshot()).then(
          (now) => now.runtime.length,
          () => 0,
        ),
      ),
  });

  const sync = (state: SyncRuleState): SyncRules => {
    const handle: SyncRules = {
      entries: () => list(state.snapshot()),
      add(rule) {
        const refused = overLimit(rule, state.snapshot().runtime.length, 'rules.add');
        if (refused) throw new Error(refused);
        const id = state.add(rule);
        return { id, origin: 'runtime', label: runtimeLabel(rule, id), rule, hits: 0 };
      },
      tryAdd(value, where) {
        const refused = overLimit(value, state.snapshot().runtime.length, where);
        if (refused) return { ok: false, errors: [refused] };
        const valid = validateOne(value, where);
        return valid.ok ? { ok: true, entry: handle.add(valid.rule) } : valid;
      },
      remove: (id) => state.remove(id),
      clearRuntime: () => state.clear(),
    };
    return handle;
  };

  const book: RuleBook = {
    setFileRules(next, nextFile = source) {
      fileRules = next.map((rule, i) => ({
        id: `file-${i + 1}`,
        label: rule.name !== undefined ? keptText(rule.name, 100) : `#${i + 1}`,
        rule,
        key: `file:${i + 1}:${fingerprint(JSON.stringify(rule))}`,
      }));
      generation++;
      source = nextFile;
      loadedAt = now().toISOString();
      lastRejected = null;
    },
    reject(error) {
      lastRejected = { at: now().toISOString(), error };
    },
    generation: () => generation,
    scope,
    sync,
  };
  book.setFileRules(rules, file);
  return book;
}
