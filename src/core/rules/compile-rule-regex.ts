import type { RE2JS } from 're2js';

/** The largest program a rule regex may compile to, about one instruction per character matched (see regexSize). */
export const MAX_REGEX_SIZE = 1000;
/** A longer value never matches a regex: the longest value the vendor accepts is a URL of 2,048 characters. */
export const MAX_REGEX_INPUT = 2048;
/** Compiled patterns kept, the least recently used dropped first: patterns come from clients (runtime rules, counts). */
export const MAX_COMPILED_REGEXES = 128;

let engine: Promise<typeof RE2JS> | undefined;
const compiled = new Map<string, RE2JS>();

/** Constructs RE2 has no linear-time answer for: lookaround and backreferences (`\1`, `\k<name>`). */
const NOT_RE2 = /\(\?<?[=!]|\\[1-9]|\\k</;

/**
 * Refuses, when the rules are read, a pattern that is not valid JavaScript regex syntax, uses what RE2 lacks, or
 * compiles to a large program. Synchronous and engine-free, so validating rules never loads the engine (a browser
 * loads it only when a regex rule is first matched).
 */
export function checkRuleRegex(pattern: string): void {
  new RegExp(pattern); // throws JavaScript's own syntax error
  const found = NOT_RE2.exec(pattern);
  if (found) throw new Error(`"${found[0]}" (lookaround or a backreference) has no linear-time match`);
  const size = regexSize(pattern);
  if (size > MAX_REGEX_SIZE) {
    throw new Error(
      `it compiles to about ${size} steps per character, over ${MAX_REGEX_SIZE}: use smaller counted repetitions ({n}) or a prefix/contains matcher`,
    );
  }
}

/**
 * The size of the program RE2 compiles a (valid) pattern to, from its text: each atom counts 1, a counted
 * repetition `{n,m}` multiplies what it repeats by its larger bound, groups and alternatives add up. RE2's
 * work is this size times the input's length, so bounding both bounds every match: `[a-z]{1000}` four times over
 * a 200 KB userId held every client for 17 s.
 */
export function regexSize(pattern: string): number {
  let i = 0;
  const sequence = (): number => {
    let total = 0;
    let last = 0;
    while (i < pattern.length && pattern[i] !== ')') {
      const char = pattern[i]!;
      if (char === '|') {
        i++;
        total += 1;
        last = 0;
        continue;
      }
      const counted = /^\{(\d+)(?:(,)(\d*))?\}/.exec(pattern.slice(i, i + 24));
      if (counted) {
        const [, low, comma, high] = counted;
        const times = comma === undefined ? Number(low) : high ? Number(high) : Number(low) + 1;
        total += last * (Math.max(times, 1) - 1);
        last *= Math.max(times, 1);
        i += counted[0].length;
        continue;
      }
      if (char === '*' || char === '+' || char === '?') {
        total += 1;
        i++;
        continue;
      }
      if (char === '\\') ((last = 1), (i += 2));
      else if (char === '[') {
        for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
        i++;
        last = 1;
      } else if (char === '(') {
        i++;
        const group = /^\?(?::|<[^>]*>)/.exec(pattern.slice(i, i + 100));
        if (group) i += group[0].length;
        last = sequence() + 1;
        i++; // the closing parenthesis
      } else {
        last = 1;
        i++;
      }
      total += last;
    }
    return total;
  };
  let total = 0;
  // A stray `)` cannot occur in a valid pattern; the loop only guards against one.
  while (i < pattern.length) total += sequence() + (i++ < pattern.length ? 1 : 0);
  return total;
}

/**
 * A rule's `regex`, compiled for RE2JS: a linear-time engine (pure JS, so the core stays isomorphic), whose
 * cost is bounded by the pattern and input sizes whatever the pattern. On the JavaScript engine a pattern
 * such as `^(a+)+$` backtracks exponentially: one 31-character faceImage held the event loop for 20 s. RE2
 * syntax is JavaScript's without backreferences and lookaround; JavaScript-only spellings such as `(?<name>`
 * are translated first. The engine (about 150 KB) is imported on first use: a browser app that uses no regex
 * rule never downloads it. At most MAX_COMPILED_REGEXES are kept, by last use: a pattern no rule uses any more
 * (a removed rule's, a one-off count's) leaves the cache as others come in.
 */
export async function compileRuleRegex(pattern: string): Promise<RE2JS> {
  let re = compiled.get(pattern);
  if (re) {
    compiled.delete(pattern);
  } else {
    const RE2 = await (engine ??= import('re2js').then((module) => module.RE2JS));
    re = RE2.compile(RE2.translateRegExp(pattern));
    for (const oldest of compiled.keys()) {
      if (compiled.size < MAX_COMPILED_REGEXES) break;
      compiled.delete(oldest);
    }
  }
  compiled.set(pattern, re);
  return re;
}

/** How many compiled patterns are kept (the bound's test reads it). */
export function compiledRegexCount(): number {
  return compiled.size;
}
