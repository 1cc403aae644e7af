import { RE2JS } from 're2js';

const compiled = new Map<string, RE2JS>();

/**
 * A rule's `regex`, compiled for RE2JS: a linear-time engine (pure JS, so the core stays isomorphic), whose
 * cost is bounded by the pattern and input sizes whatever the pattern. On the JavaScript engine a pattern
 * such as `^(a+)+$` backtracks exponentially: one 31-character faceImage held the event loop for 20 s. RE2
 * syntax is JavaScript's without backreferences and lookaround; JavaScript-only spellings such as `(?<name>`
 * are translated first. Throws RE2JS's syntax error for a pattern it cannot compile (parseRules reports it).
 */
export function compileRuleRegex(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = RE2JS.compile(RE2JS.translateRegExp(pattern))));
  return re;
}
