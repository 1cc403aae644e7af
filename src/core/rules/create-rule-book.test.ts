import { describe, expect, it } from 'vitest';
import { createMemoryRuleState } from './create-memory-rule-state.js';
import { createRuleBook, MAX_RULE_CHARACTERS, MAX_RUNTIME_RULES } from './create-rule-book.js';

const rule = (i: number) => ({ name: `r-${i}`, match: { userId: `user-${i}` }, outcome: 'REGION_WRONG' });

describe('runtime rules are bounded', () => {
  it(`keeps at most ${MAX_RUNTIME_RULES} runtime rules a namespace, and says how to make room`, async () => {
    const book = createRuleBook().sync(createMemoryRuleState());
    for (let i = 0; i < MAX_RUNTIME_RULES; i++) expect(book.tryAdd(rule(i), 'POST /__admin/rules').ok).toBe(true);
    const refused = book.tryAdd(rule(MAX_RUNTIME_RULES), 'POST /__admin/rules');
    expect(refused).toMatchObject({ ok: false });
    expect(!refused.ok && refused.errors[0]).toMatch(/1000 runtime rules are held already.*DELETE \/__admin\/rules/);
    expect(() => book.add(rule(0) as never)).toThrow(/runtime rules are held already/);
    // The scoped (state port) path refuses the same way.
    const scoped = createRuleBook().scope(createMemoryRuleState());
    for (let i = 0; i < MAX_RUNTIME_RULES; i++) await scoped.tryAdd(rule(i), 'x');
    expect(await scoped.tryAdd(rule(-1), 'x')).toMatchObject({ ok: false });
    book.clearRuntime();
    expect(book.tryAdd(rule(1), 'again').ok).toBe(true);
  });

  it(`refuses a rule over ${MAX_RULE_CHARACTERS} characters of JSON before validating it`, () => {
    const book = createRuleBook().sync(createMemoryRuleState());
    const huge = { match: { userId: 'x'.repeat(MAX_RULE_CHARACTERS) }, outcome: 'REGION_WRONG' };
    const refused = book.tryAdd(huge, 'POST /__admin/rules');
    expect(!refused.ok && refused.errors).toEqual([expect.stringMatching(/^POST \/__admin\/rules: the rule is \d+ characters of JSON/)]);
    expect(book.entries().filter((entry) => entry.origin === 'runtime')).toHaveLength(0);
  });
});
