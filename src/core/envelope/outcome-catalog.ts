import { outcomeNames, outcomes, type OutcomeName } from '../../generated/outcomes.js';

export { outcomeNames, outcomes, type OutcomeName };

const names: ReadonlySet<string> = new Set(outcomeNames);

/** True when `name` is one of the spec's example names (the keys of the outcome catalog). */
export function isOutcomeName(name: unknown): name is OutcomeName {
  return typeof name === 'string' && names.has(name);
}
