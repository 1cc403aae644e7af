import type { RulesFile, StringMatcher } from '../core/rules/parse-rules.js';

/**
 * The kit's rules with every userId matcher anchored after `prefix`, so the self-check's prefixed users
 * (`contract-error-0001`) still meet the rules the table's rule cases were written for (`error-`).
 */
export function prefixRuleUserIds(rules: unknown, prefix: string): RulesFile {
  const file = rules as RulesFile;
  const shift = (m: StringMatcher): StringMatcher =>
    typeof m === 'string'
      ? prefix + m
      : {
          ...m,
          ...(m.equals !== undefined ? { equals: prefix + m.equals } : {}),
          ...(m.prefix !== undefined ? { prefix: prefix + m.prefix } : {}),
        };
  return {
    rules: file.rules.map((rule) =>
      rule.match?.userId === undefined ? rule : { ...rule, match: { ...rule.match, userId: shift(rule.match.userId) } },
    ),
  };
}
