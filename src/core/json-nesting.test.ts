import { describe, expect, it } from 'vitest';
import { jsonNesting } from './json-nesting.js';

describe('jsonNesting', () => {
  const cases: Array<[string, string, number]> = [
    ['a flat object', '{"a":1,"b":"x"}', 1],
    ['nested arrays', '[[[1]]]', 3],
    ['brackets inside strings', '{"a":"[[[{{{"}', 1],
    ['escaped quotes inside strings', '{"a":"\\"[[[\\""}', 1],
    ['an escaped backslash before a closing quote', '{"a":"x\\\\","b":[[1]]}', 3],
    ['a scalar', '42', 0],
  ];
  for (const [name, text, want] of cases) it(`measures ${name}`, () => expect(jsonNesting(text, 100)).toBe(want));

  it('stops past the limit without reading the rest', () => {
    expect(jsonNesting('['.repeat(5_000_000), 64)).toBe(65);
  });
});
