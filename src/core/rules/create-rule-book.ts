import { validateRules, type Rule } from './validate-rules.js';
import { keptText } from '../kept-text.js';

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

/**
 * The rules in force, in order: runtime rules (added over the admin API or the MSW mock object) before the
 * file's, each with its hit count. Isomorphic; one per responder.
 */
export interface RuleBook {
  /** Runtime rules first, then the file's: the order the rules stage tries them. */
  entries(): readonly RuleEntry[];
  /** Replaces the file's rules (start-up, hot reload): their hit counts start again. Runtime rules stay. */
  setFileRules(rules: readonly Rule[], file?: string | null): void;
  /** Notes an edit of the rules file that was refused (health reports it until the next good load). */
  reject(error: string): void;
  /** Adds a runtime rule (already validated); it comes before every file rule and the earlier runtime ones. */
  add(rule: Rule): RuleEntry;
  /** Validates one rule as a rules file's would be (same messages, naming `source`), then adds it. */
  tryAdd(value: unknown, source: string): { ok: true; entry: RuleEntry } | { ok: false; errors: string[] };
  remove(id: string): boolean;
  /** Removes every runtime rule. */
  clearRuntime(): void;
  state(): RulesState;
}

export function createRuleBook(rules: readonly Rule[] = [], file: string | null = null, now: () => Date = () => new Date()): RuleBook {
  let fileEntries: RuleEntry[] = [];
  let runtime: RuleEntry[] = [];
  let nextRuntime = 1;
  let loadedAt = now().toISOString();
  let source = file;
  let lastRejected: RulesState['lastRejected'] = null;
  let ordered: readonly RuleEntry[] = [];
  const reorder = () => (ordered = [...runtime, ...fileEntries]);

  const book: RuleBook = {
    entries: () => ordered,
    setFileRules(next, nextFile = source) {
      fileEntries = next.map((rule, i) => ({
        id: `file-${i + 1}`,
        origin: 'file',
        label: rule.name !== undefined ? keptText(rule.name, 100) : `#${i + 1}`,
        rule,
        hits: 0,
      }));
      source = nextFile;
      loadedAt = now().toISOString();
      lastRejected = null;
      reorder();
    },
    reject(error) {
      lastRejected = { at: now().toISOString(), error };
    },
    add(rule) {
      const id = `rt-${nextRuntime++}`;
      const entry: RuleEntry = {
        id,
        origin: 'runtime',
        label: rule.name !== undefined ? keptText(rule.name, 100) : `runtime ${id}`,
        rule,
        hits: 0,
      };
      // Newest first: a rule a tester adds now should win over the ones added before it.
      runtime = [entry, ...runtime];
      reorder();
      return entry;
    },
    tryAdd(value, source) {
      if (Array.isArray(value)) return { ok: false, errors: [`${source}: send one rule (an object), not a list`] };
      const parsed = validateRules({ rules: [value] }, source);
      return parsed.ok ? { ok: true, entry: book.add(parsed.rules[0]!) } : parsed;
    },
    remove(id) {
      const before = runtime.length;
      runtime = runtime.filter((entry) => entry.id !== id);
      reorder();
      return runtime.length !== before;
    },
    clearRuntime() {
      runtime = [];
      reorder();
    },
    state: () => ({ count: ordered.length, runtime: runtime.length, file: source, loadedAt, lastRejected }),
  };
  book.setFileRules(rules, file);
  return book;
}
