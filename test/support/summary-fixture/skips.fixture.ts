import { describe, expect, it } from 'vitest';

// Three tests skipped for one reason, one for another, one passing: what the summary reporter groups.
describe('a group skipped for one reason', () => {
  for (const n of [1, 2, 3]) it(`case ${n}`, (ctx) => ctx.skip('the shared reason'));
});
it('another skip', (ctx) => ctx.skip('a reason of its own'));
it('passes', () => expect(1 + 1).toBe(2));
