import { compileRuleRegex, MAX_REGEX_INPUT } from './compile-rule-regex.js';
import type { Rule, StringMatcher, FaceImageKind } from './parse-rules.js';

/**
 * What a rule can look at: the fields of the operation's request (Save Enroll's, or generate-token's accessKey)
 * and the headers. The SHA-256 is computed only if a rule asks for it.
 */
export interface RuleSubject {
  userId?: unknown;
  region?: unknown;
  faceImage?: unknown;
  faceImageKind?: FaceImageKind;
  faceImageSha256?: () => Promise<string | null>;
  accessKey?: unknown;
  headers: Record<string, string>;
}

export async function matchString(matcher: StringMatcher, value: unknown): Promise<boolean> {
  if (typeof value !== 'string') return false;
  if (typeof matcher === 'string') return value === matcher;
  if (matcher.equals !== undefined) return value === matcher.equals;
  if (matcher.prefix !== undefined) return value.startsWith(matcher.prefix);
  if (matcher.suffix !== undefined) return value.endsWith(matcher.suffix);
  if (matcher.contains !== undefined) return value.includes(matcher.contains);
  // Found anywhere in the value, as RegExp.test does, in linear time: the work is the program's size times the
  // value's, and both are bounded (compile-rule-regex.ts). A value longer than any the vendor accepts never
  // matches a regex (cutting it instead would let `$` match at the cut); prefix and contains still see it whole.
  if (matcher.regex !== undefined) return value.length <= MAX_REGEX_INPUT && (await compileRuleRegex(matcher.regex)).test(value);
  return false;
}

/** True when every field the rule names matches the request (a rule with no `match` matches all). */
export async function ruleMatches(rule: Rule, subject: RuleSubject): Promise<boolean> {
  const match = rule.match;
  if (!match) return true;
  if (match.userId !== undefined && !(await matchString(match.userId, subject.userId))) return false;
  if (match.region !== undefined && !(await matchString(match.region, subject.region))) return false;
  if (match.faceImage !== undefined && !(await matchString(match.faceImage, subject.faceImage))) return false;
  if (match.accessKey !== undefined && !(await matchString(match.accessKey, subject.accessKey))) return false;
  if (match.faceImageKind !== undefined && match.faceImageKind !== subject.faceImageKind) return false;
  for (const [name, matcher] of Object.entries(match.headers ?? {})) {
    if (!(await matchString(matcher, subject.headers[name.toLowerCase()]))) return false;
  }
  if (match.faceImageSha256 !== undefined && ((await subject.faceImageSha256?.()) ?? null) !== match.faceImageSha256) return false;
  return true;
}
