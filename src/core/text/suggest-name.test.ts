import { describe, expect, it } from 'vitest';
import { matchName, suggestName } from './suggest-name.js';

describe('matchName', () => {
  it.each([
    ['the exact name', 'ERROR', ['ERROR', 'SUCCESS'], { ok: true, name: 'ERROR' }],
    ['the one name equal without regard to case', 'iam_failed', ['IAM_FAILED', 'ERROR'], { ok: true, name: 'IAM_FAILED' }],
    ['a typo, with the nearest name', 'EROR', ['ERROR', 'SUCCESS'], { ok: false, suggestion: 'ERROR' }],
    ['a typo in another case, with the nearest name', 'iam_faild', ['IAM_FAILED', 'ERROR'], { ok: false, suggestion: 'IAM_FAILED' }],
    ['nothing near', 'BANANA', ['ERROR', 'SUCCESS'], { ok: false }],
  ] as const)('resolves %s', (_, typed, known, want) => {
    expect(matchName(typed, known)).toEqual(want);
  });

  it('does not guess between two names that differ only by case', () => {
    expect(matchName('mode', ['Mode', 'MODE']).ok).toBe(false);
  });
});

describe('suggestName', () => {
  it('suggests nothing unrelated', () => {
    expect(suggestName('region', ['SUCCESS', 'ERROR'])).toBeUndefined();
  });
});
