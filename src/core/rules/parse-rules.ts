import { parseDocument } from 'yaml';
import { validateRules, type ParseRulesResult } from './validate-rules.js';
import { parseRulesText } from './parse-rules-text.js';

export type { FaceImageKind, ParseRulesResult, Rule, RulesFile, StringMatcher } from './validate-rules.js';

/**
 * Parses and validates a rules document (YAML or JSON text, or an already parsed value). Every problem is reported
 * at once, naming the source, the rule (number and name) and the field, and saying what to write instead. Code
 * that only ever has parsed values (the MSW handlers) imports validateRules instead, and ships no YAML parser.
 */
export function parseRules(input: string | unknown, source = 'rules'): ParseRulesResult {
  return typeof input === 'string' ? parseRulesText(input, source, parseDocument) : validateRules(input, source);
}
