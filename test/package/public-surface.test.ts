import { describe, expect, it } from 'vitest';

// The root is a promise to every user (decision note 0033): a name added here is a name kept for good, so the
// list is short and holds nothing a user of the isomorphic kit would not write by hand.
describe('the package root', () => {
  it('exports at most 15 runtime names, and none of the decision core internals', async () => {
    const names = Object.keys(await import('../../src/index.js'));
    expect(names.length).toBeLessThanOrEqual(15);
    for (const internal of [
      'createEnrollCore',
      'renderEnvelope',
      'inspectImage',
      'sniffFormat',
      'decodeBase64',
      'checkRegion',
      'MIN_SIDE',
    ]) {
      expect(names).not.toContain(internal);
    }
    expect(names).toEqual(expect.arrayContaining(['createResponder', 'outcomeNames', 'parseRules', 'apiPaths', 'assertCoverage']));
  });
});
