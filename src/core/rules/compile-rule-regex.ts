import type { RE2JS } from 're2js';

let engine: Promise<typeof RE2JS> | undefined;
const compiled = new Map<string, RE2JS>();

/** Constructs RE2 has no linear-time answer for: lookaround and backreferences (`\1`, `\k<name>`). */
const NOT_RE2 = /\(\?<?[=!]|\\[1-9]|\\k</;

/**
 * Refuses, when the rules are read, a pattern that is not valid JavaScript regex syntax or uses what RE2 lacks.
 * Synchronous and engine-free, so validating rules never loads the engine (a browser loads it only when a
 * regex rule is first matched).
 */
export function checkRuleRegex(pattern: string): void {
  new RegExp(pattern); // throws JavaScript's own syntax error
  const found = NOT_RE2.exec(pattern);
  if (found) throw new Error(`"${found[0]}" (lookaround or a backreference) has no linear-time match`);
}

/**
 * A rule's `regex`, compiled for RE2JS: a linear-time engine (pure JS, so the core stays isomorphic), whose
 * cost is bounded by the pattern and input sizes whatever the pattern. On the JavaScript engine a pattern
 * such as `^(a+)+$` backtracks exponentially: one 31-character faceImage held the event loop for 20 s. RE2
 * syntax is JavaScript's without backreferences and lookaround; JavaScript-only spellings such as `(?<name>`
 * are translated first. The engine (about 150 KB) is imported on first use: a browser app that uses no regex
 * rule never downloads it.
 */
export async function compileRuleRegex(pattern: string): Promise<RE2JS> {
  let re = compiled.get(pattern);
  if (!re) {
    const RE2 = await (engine ??= import('re2js').then((module) => module.RE2JS));
    compiled.set(pattern, (re = RE2.compile(RE2.translateRegExp(pattern))));
  }
  return re;
}
