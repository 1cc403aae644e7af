import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time-equal.js';

/** An array-like that counts the elements read from it. */
function counting(bytes: number[]): { view: ArrayLike<number>; reads: () => number } {
  let reads = 0;
  const view = new Proxy(bytes, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { view, reads: () => reads };
}

describe('constantTimeEqual', () => {
  it('tells equal from different bytes and lengths', () => {
    const hex = (text: string) => new TextEncoder().encode(text);
    expect(constantTimeEqual(hex('a'.repeat(64)), hex('a'.repeat(64)))).toBe(true);
    expect(constantTimeEqual(hex('a'.repeat(64)), hex('a'.repeat(63) + 'b'))).toBe(false);
    expect(constantTimeEqual(hex('a'.repeat(64)), hex('a'.repeat(63)))).toBe(false);
    expect(constantTimeEqual([], [])).toBe(true);
  });

  it('reads every byte even when the first one differs, so the time does not tell how much matched', () => {
    const expected = counting(Array.from({ length: 64 }, (_, i) => i));
    const guess = counting(Array.from({ length: 64 }, (_, i) => (i === 0 ? 255 : i)));
    expect(constantTimeEqual(expected.view, guess.view)).toBe(false);
    expect([expected.reads(), guess.reads()]).toEqual([64, 64]);
  });
});
