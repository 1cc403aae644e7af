import { outcomeNames } from '../envelope/outcome-catalog.js';
import { createRulesSchema } from './create-rules-schema.js';

/** JSON Schema of a fixture rules file (fixtures/rules.yaml). The outcome names come from the spec. */
export const rulesSchema = createRulesSchema(outcomeNames);
