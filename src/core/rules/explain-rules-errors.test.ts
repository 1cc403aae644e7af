import { describe, expect, it } from 'vitest';
import { RULES_KEYS } from './explain-rules-errors.js';
import { rulesSchema } from './rules-schema.js';

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
});
