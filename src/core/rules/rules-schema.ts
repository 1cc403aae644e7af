import { outcomeNames, tokenOutcomeNames } from '../../generated/outcomes.js';
import { createRulesSchema } from './create-rules-schema.js';

/** JSON Schema of a fixture rules file (fixtures/rules.yaml). Each operation's outcome names come from the spec. */
export const rulesSchema = createRulesSchema({ saveEnroll: outcomeNames, generateToken: tokenOutcomeNames });
