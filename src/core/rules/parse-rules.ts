import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { Fault } from '../faults.js';
import type { OutcomeName } from '../outcome-catalog.js';
import { rulesSchema } from './rules-schema.js';

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
  /** The result of an H5 authentication of a matching user, whatever the tester chose (a journey rule, not an enroll one). */
  authentication?: { result: 'PASS' | 'FAIL' | 'INCOMPLETE'; reason?: 'LIVENESS_ATTACK' | 'FACE_MISMATCH' };
  delay?: number | [number, number];
  probability?: number;
}

export interface RulesFile {
  rules: Rule[];
}

export type ParseRulesResult = { ok: true; rules: Rule[] } | { ok: false; errors: string[] };

const validate = new Ajv({ allErrors: true, strict: false }).compile(rulesSchema);

/**
 * Parses and validates a rules document (YAML or JSON text, or an already parsed value). Errors name the
 * source, the rule (number and name) and the field, so a QA edit that breaks the file says where.
 */
export function parseRules(input: string | unknown, source = 'rules'): ParseRulesResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = parseYaml(input);
    } catch (error) {
      return { ok: false, errors: [`${source}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`] };
    }
  }
  if (!validate(value)) {
    return { ok: false, errors: explain(validate.errors ?? [], value, source) };
  }
  const rules = (value as RulesFile).rules;
  const errors: string[] = [];
  rules.forEach((rule, index) => {
    const where = describeRule(rules, index, source);
    for (const [field, matcher] of matcherEntries(rule)) {
      if (typeof matcher === 'object' && matcher.regex !== undefined) {
        try {
          new RegExp(matcher.regex);
        } catch (error) {
          errors.push(`${where} at match.${field}.regex: not a valid regular expression: ${(error as Error).message}`);
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
  const name = rule && typeof rule === 'object' && typeof (rule as Rule).name === 'string' ? ` ("${(rule as Rule).name}")` : '';
  return `${source}: rule #${index + 1}${name}`;
}

function explain(errors: ErrorObject[], value: unknown, source: string): string[] {
  // oneOf reports every branch; keep the most specific error per location.
  const byPath = new Map<string, ErrorObject>();
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
      error.keyword === 'enum' && Array.isArray(error.params.allowedValues)
        ? `must be one of ${(error.params.allowedValues as string[]).join(', ')}`
        : error.keyword === 'additionalProperties'
          ? `unknown field "${String(error.params.additionalProperty)}"`
          : (error.message ?? 'is invalid');
    return `${where}${field ? ` at ${field}` : ''}: ${detail}`;
  });
}
