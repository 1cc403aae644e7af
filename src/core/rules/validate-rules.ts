import { checkRuleRegex } from './compile-rule-regex.js';
import type { Fault } from '../faults.js';
import type { OutcomeName } from '../outcome-catalog.js';
import { validateRulesSchema, type RulesSchemaError } from '../../generated/validate-rules-schema.js';
import { keptText } from '../kept-text.js';

export type StringMatcher = string | { equals?: string; prefix?: string; suffix?: string; contains?: string; regex?: string };
export type FaceImageKind = 'url' | 'base64' | 'null' | 'empty' | 'missing' | 'other';

export interface Rule {
  name?: string;
  description?: string;
  match?: {
    userId?: StringMatcher;
    region?: StringMatcher;
    faceImage?: StringMatcher;
    faceImageKind?: FaceImageKind;
    faceImageSha256?: string;
    headers?: Record<string, StringMatcher>;
  };
  /** The outcome to answer; a rule names an outcome, a fault, or both (the fault wins). */
  outcome?: OutcomeName;
  fault?: Fault;
  /** Instead of outcome/fault: each match takes the next item; once used up, the rule no longer matches. */
  sequence?: Array<OutcomeName | Fault>;
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
  if (!validateRulesSchema(value)) {
    return { ok: false, errors: explain(validateRulesSchema.errors ?? [], value, source) };
  }
  const rules = (value as RulesFile).rules;
  const errors: string[] = [];
  rules.forEach((rule, index) => {
    const where = describeRule(rules, index, source);
    for (const [field, matcher] of matcherEntries(rule)) {
      if (typeof matcher === 'object' && matcher.regex !== undefined) {
        try {
          checkRuleRegex(matcher.regex);
        } catch (error) {
          errors.push(
            `${where} at match.${keptText(field, 100)}.regex: not a valid regular expression for the kit's linear-time engine ` +
              `(RE2 syntax: no backreferences or lookaround): ${keptText(String((error as Error).message), 300)}`,
          );
        }
      }
    }
    if (Array.isArray(rule.delay) && rule.delay[0] > rule.delay[1]) {
      errors.push(`${where} at delay: the range [${rule.delay[0]}, ${rule.delay[1]}] has min above max`);
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, rules };
}

function matcherEntries(rule: Rule): Array<[string, StringMatcher]> {
  const match = rule.match ?? {};
  const entries: Array<[string, StringMatcher]> = [];
  for (const field of ['userId', 'region', 'faceImage'] as const) {
    const matcher = match[field];
    if (matcher !== undefined) entries.push([field, matcher]);
  }
  for (const [name, matcher] of Object.entries(match.headers ?? {})) entries.push([`headers.${name}`, matcher]);
  return entries;
}

function describeRule(rules: unknown, index: number, source: string): string {
  const rule = Array.isArray(rules) ? rules[index] : undefined;
  const name =
    rule && typeof rule === 'object' && typeof (rule as Rule).name === 'string' ? ` ("${keptText((rule as Rule).name!, 100)}")` : '';
  return `${source}: rule #${index + 1}${name}`;
}

function explain(errors: RulesSchemaError[], value: unknown, source: string): string[] {
  // oneOf reports every branch; keep the most specific error per location.
  const byPath = new Map<string, RulesSchemaError>();
  for (const error of errors) {
    if (error.keyword === 'oneOf' && byPath.has(error.instancePath)) continue;
    if (!byPath.has(error.instancePath) || error.keyword !== 'oneOf') byPath.set(error.instancePath, error);
  }
  return [...byPath.values()].map((error) => {
    const parts = error.instancePath.split('/').slice(1);
    let where = source;
    let field = parts.join('.');
    if (parts[0] === 'rules' && parts.length >= 2) {
      where = describeRule((value as RulesFile).rules, Number(parts[1]), source);
      field = parts.slice(2).join('.');
    }
    const detail =
      error.keyword === 'anyOf' && parts.length === 2
        ? 'needs what to answer: outcome (an example name), fault, sequence (a list of them), or authentication'
        : error.keyword === 'enum' && Array.isArray(error.params.allowedValues)
          ? `must be one of ${(error.params.allowedValues as string[]).join(', ')}`
          : error.keyword === 'additionalProperties'
            ? `unknown field "${keptText(String(error.params.additionalProperty), 100)}"`
            : (error.message ?? 'is invalid');
    return `${where}${field ? ` at ${field}` : ''}: ${detail}`;
  });
}
