import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { parseRulesText } from '../core/rules/parse-rules-text.js';
import type { Rule } from '../core/rules/validate-rules.js';

let yaml: typeof Yaml | undefined;
// yaml (some seventy CommonJS files) loads with the first rules file read, not with face-enroll-mock/node: most
// tests never read one. It is the CommonJS package either way in Node, so require() gets the module import() would.
const loadYaml = (): typeof Yaml => (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

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
  const parsed = parseRulesText(text, path, loadYaml().parseDocument);
  // One problem a line, indented; a YAML code frame under its problem keeps its own lines, indented once more.
  if (!parsed.ok)
    throw new RulesFileError(
      `face-enroll-mock: the rules file is invalid:\n  ${parsed.errors.map((e) => e.replaceAll('\n', '\n  ')).join('\n  ')}`,
    );
  return parsed.rules;
}
