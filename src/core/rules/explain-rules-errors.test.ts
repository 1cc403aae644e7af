import { describe, expect, it } from 'vitest';
import { RULES_KEYS } from './explain-rules-errors.js';
import { rulesSchema } from './rules-schema.js';
import { ruleOperations } from './rule-operations.js';

describe('explainRulesErrors', () => {
  it('suggests from the keys the rules schema allows at each level', () => {
    const rule = rulesSchema.properties.rules.items;
    expect(RULES_KEYS).toEqual({
      top: Object.keys(rulesSchema.properties),
      rule: Object.keys(rule.properties),
      match: Object.keys(rule.properties.match.properties),
      authentication: Object.keys(rule.properties.authentication.properties),
      matcher: Object.keys(rule.properties.match.properties.userId.oneOf[1].properties),
    });
  });

  it('has one schema branch per operation rules answer, the operations the rules schema names', () => {
    const rule = rulesSchema.properties.rules.items;
    expect(rule.properties.operation.enum).toEqual(Object.keys(ruleOperations));
    expect(rule.allOf.map((branch) => branch.if.properties.operation.const)).toEqual(Object.keys(ruleOperations));
  });
});
