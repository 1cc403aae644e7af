import type { RulesOption } from '../responder/mock-options.js';
import { loadRulesFile } from './load-rules-file.js';

/** In Node, `rules` may also be the path of a rules file (YAML or JSON), read and validated at once. */
export type NodeRulesOption = RulesOption | string;

export function resolveNodeRules(rules: NodeRulesOption | undefined): RulesOption | undefined {
  return typeof rules === 'string' ? loadRulesFile(rules) : rules;
}
