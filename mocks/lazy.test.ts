import { describe, expect, it } from 'vitest';
import { lazy } from './lazy.js';

describe('lazy', () => {
  it('makes nothing until first use, then the same value every time', () => {
    let made = 0;
    const list = lazy(() => (made++, [1, 2, 3]), []);
    expect(made).toBe(0);
    expect([...list]).toEqual([1, 2, 3]);
    expect(list.length).toBe(3);
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((n) => n * 2)).toEqual([2, 4, 6]);
    expect(made).toBe(1);
  });

  it('forwards methods bound to the real object', () => {
    const counter = lazy(() => {
      let n = 0;
      return {
        add: () => ++n,
        get value() {
          return n;
        },
      };
    }, {});
    const { add } = counter;
    add();
    expect(counter.value).toBe(1);
  });
});
