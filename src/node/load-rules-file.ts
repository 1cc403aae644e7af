import { readFileSync } from 'node:fs';
import { parseRules, type Rule } from '../core/rules/parse-rules.js';

/** A rules file that cannot be used: a set-up mistake like a bad flag, so the CLI exits 2 (docs/exit-codes.md). */
export class RulesFileError extends Error {
  override name = 'RulesFileError';
}

/**
 * Reads and validates a fixture rules file (YAML or JSON). Throws an Error that lists every problem with the
 * file, rule and field, since a broken rules file at start-up is a set-up mistake to fix, not an outcome.
 */
export function loadRulesFile(path: string): Rule[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RulesFileError(`face-enroll-mock: cannot read the rules file ${path}: ${(error as Error).message}`);
  }
  const parsed = parseRules(text, path);
  // One problem a line, indented; a YAML code frame under its problem keeps its own lines, indented once more.
  if (!parsed.ok)
    throw new RulesFileError(
      `face-enroll-mock: the rules file is invalid:\n  ${parsed.errors.map((e) => e.replaceAll('\n', '\n  ')).join('\n  ')}`,
    );
  return parsed.rules;
}
