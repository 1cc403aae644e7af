import { checkRuleRegex } from './compile-rule-regex.js';
import type { Fault } from '../stages/faults.js';
import type { OutcomeName } from '../envelope/outcome-catalog.js';
import type { TokenOutcomeName } from '../../generated/outcomes.js';
import type { RuleOperation } from './rule-operations.js';
import { validateRulesSchema } from '../../generated/validate-rules-schema.js';
import { describeRule, explainRulesErrors } from './explain-rules-errors.js';
import { keptText } from '../text/kept-text.js';

export type StringMatcher = string | { equals?: string; prefix?: string; suffix?: string; contains?: string; regex?: string };
export type FaceImageKind = 'url' | 'base64' | 'null' | 'empty' | 'missing' | 'other';

export interface Rule {
  name?: string;
  description?: string;
  /** The operation the rule answers, by the spec's operationId; Save Enroll (`saveEnroll`) when absent. */
  operation?: RuleOperation;
  /** Every field given must match. A `generateToken` rule matches `accessKey` and `headers` only. */
  match?: {
    userId?: StringMatcher;
    region?: StringMatcher;
    faceImage?: StringMatcher;
    faceImageKind?: FaceImageKind;
    faceImageSha256?: string;
    /** generate-token's accessKey (a `generateToken` rule). */
    accessKey?: StringMatcher;
    headers?: Record<string, StringMatcher>;
  };
  /**
   * The outcome to answer, a named example of the rule's operation's catalog (checked when the rules are read); a
   * rule names an outcome, a fault, or both (the fault wins).
   */
  outcome?: OutcomeName | TokenOutcomeName;
  fault?: Fault;
  /** Instead of outcome/fault: each match takes the next item; once used up, the rule no longer matches. */
  sequence?: Array<OutcomeName | TokenOutcomeName | Fault>;
  /** The rule matches at most this many times, then no longer matches. */
  times?: number;
  /** The result of an H5 authentication of a matching user, whatever the tester chose (a journey rule, not an enroll one). */
  authentication?: { result: 'PASS' | 'FAIL' | 'INCOMPLETE'; reason?: 'LIVENESS_ATTACK' | 'FACE_MISMATCH' };
  delay?: number | [number, number];
  probability?: number;
}

export interface RulesFile {
  rules: Rule[];
}

export type ParseRulesResult = { ok: true; rules: Rule[] } | { ok: false; errors: string[] };

/**
 * Validates an already parsed rules document (what `JSON.parse` or a YAML parser returns, or an object written
 * in code). Errors name the source, the rule (number and name) and the field, so a QA edit that breaks the file
 * says where. Needs no YAML parser and no schema compiler (the schema is compiled at `npm run generate` time),
 * which keeps both out of the browser bundle; parseRules adds YAML text on top.
 */
export function validateRules(value: unknown, source = 'rules'): ParseRulesResult {
  const errors = validateRulesSchema(value) ? [] : explainRulesErrors(validateRulesSchema.errors ?? [], value, source);
  // The checks a schema cannot make, on every rule that has the fields, so one pass reports every problem.
  const rules = value !== null && typeof value === 'object' ? (value as { rules?: unknown }).rules : undefined;
  if (Array.isArray(rules)) {
    rules.forEach((rule: Rule, index) => {
      if (rule === null || typeof rule !== 'object') return;
      const where = `${source}: ${describeRule(rules, index)}`;
      for (const [field, matcher] of matcherEntries(rule)) {
        if (matcher === null || typeof matcher !== 'object' || typeof matcher.regex !== 'string') continue;
        try {
          checkRuleRegex(matcher.regex);
        } catch (error) {
          errors.push(
            `${where}: \`match.${field}.regex\` is not a regular expression the kit's linear-time engine runs ` +
              `(RE2 syntax: no backreferences or lookaround; rewrite it without them): ${keptText(String((error as Error).message), 300)}`,
          );
        }
      }
      const delay = rule.delay;
      if (Array.isArray(delay) && delay.length === 2 && delay.every(Number.isInteger) && delay[0] > delay[1]) {
        errors.push(`${where}: \`delay: [${delay[0]}, ${delay[1]}]\` has its min above its max: write \`[${delay[1]}, ${delay[0]}]\``);
      }
    });
  }
  // In file order: the document's own problems first, then rule by rule.
  const ruleOf = (text: string) => Number(/: rule (\d+)\b/.exec(text)?.[1] ?? 0);
  return errors.length ? { ok: false, errors: errors.sort((a, b) => ruleOf(a) - ruleOf(b)) } : { ok: true, rules: rules as Rule[] };
}

function matcherEntries(rule: Rule): Array<[string, StringMatcher]> {
  const match = rule.match !== null && typeof rule.match === 'object' ? rule.match : {};
  const entries: Array<[string, StringMatcher]> = [];
  for (const field of ['userId', 'region', 'faceImage', 'accessKey'] as const) {
    const matcher = match[field];
    if (matcher !== undefined) entries.push([field, matcher]);
  }
  for (const [name, matcher] of Object.entries(match.headers !== null && typeof match.headers === 'object' ? match.headers : {}))
    entries.push([`headers.${name}`, matcher]);
  return entries;
}
