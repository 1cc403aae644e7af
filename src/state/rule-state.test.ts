import { describe, expect, it } from 'vitest';
import { createMemoryRuleState } from './rule-state.js';

describe('createMemoryRuleState', () => {
  it('takes hits up to the limit, numbering them from 0 (the sequence step), then answers -1', () => {
    const state = createMemoryRuleState();
    expect([0, 1, 2].map(() => state.take('file:1:abc', 2, undefined))).toEqual([0, 1, -1]);
    expect([0, 1, 2].map(() => state.take('file:2:def', undefined, undefined))).toEqual([0, 1, 2]);
    expect(state.snapshot().hits.get('file:1:abc')).toBe(2);
  });

  it('takes no hit of a runtime rule that was removed meanwhile, and forgets its count', () => {
    const state = createMemoryRuleState();
    const id = state.add({ match: { userId: 'u' }, outcome: 'ERROR' });
    expect(state.take(id, undefined, id)).toBe(0);
    expect(state.remove(id)).toBe(true);
    expect(state.take(id, undefined, id)).toBe(-1);
    expect(state.snapshot().hits.has(id)).toBe(false);
  });

  it("keeps the newest runtime rule first; clear removes them and their counts, not the file's", () => {
    const state = createMemoryRuleState();
    const first = state.add({ name: 'first', outcome: 'ERROR' });
    const second = state.add({ name: 'second', outcome: 'ERROR' });
    expect(state.snapshot().runtime.map((stored) => stored.id)).toEqual([second, first]);
    state.take(first, undefined, first);
    state.take('file:1:abc', undefined, undefined);
    state.clear();
    expect([state.snapshot().runtime, [...state.snapshot().hits]]).toEqual([[], [['file:1:abc', 1]]]);
    state.reset();
    expect(state.snapshot().hits.size).toBe(0);
  });

  it("starts the file's counts again when its generation moves (a reload), keeping the runtime rules' counts", () => {
    let generation = 1;
    const state = createMemoryRuleState(() => generation);
    const id = state.add({ outcome: 'ERROR' });
    state.take(id, undefined, id);
    state.take('file:1:abc', 1, undefined);
    generation = 2;
    expect(state.take('file:1:abc', 1, undefined)).toBe(0);
    expect(state.snapshot().hits.get(id)).toBe(1);
  });
});
