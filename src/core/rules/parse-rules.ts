import { parse as parseYaml } from 'yaml';
import { validateRules, type ParseRulesResult } from './validate-rules.js';
import { keptText } from '../kept-text.js';

export type { FaceImageKind, ParseRulesResult, Rule, RulesFile, StringMatcher } from './validate-rules.js';

/**
 * Parses and validates a rules document (YAML or JSON text, or an already parsed value). Errors name the
 * source, the rule (number and name) and the field, so a QA edit that breaks the file says where. Code that
 * only ever has parsed values (the MSW handlers) imports validateRules instead, and ships no YAML parser.
 */
export function parseRules(input: string | unknown, source = 'rules'): ParseRulesResult {
  if (typeof input !== 'string') return validateRules(input, source);
  let value: unknown;
  try {
    value = parseYaml(input);
  } catch (error) {
    return { ok: false, errors: [`${source}: not valid YAML or JSON: ${keptText((error as Error).message.split('\n')[0] ?? '', 300)}`] };
  }
  return validateRules(value, source);
}
