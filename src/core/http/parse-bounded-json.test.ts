import { describe, expect, it, vi } from 'vitest';
import { MAX_JSON_DEPTH, MAX_JSON_VALUES, parseBoundedJson } from './parse-bounded-json.js';

const MiB = 1024 * 1024;

describe('parseBoundedJson', () => {
  it("parses the kit's bodies, a 2 MB string included", () => {
    const body = { userId: 'u', region: 'PHL', faceImage: 'A'.repeat(2 * MiB), nested: [[{ a: [1, 2] }]] };
    expect(parseBoundedJson(JSON.stringify(body))).toEqual({ ok: true, value: body });
  });

  it('refuses 8 MiB of nesting, of keys and of array items before JSON.parse ever sees them', () => {
    const texts = [
      '['.repeat(8 * MiB),
      `{${Array.from({ length: 700_000 }, (_, i) => `"k${i}":0`).join(',')}}`,
      `[${'0,'.repeat(4 * MiB)}0]`,
    ];
    // JSON.parse takes 300 to 1,300 ms on each: the scan must stop at the bound without calling it.
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (const text of texts) expect(parseBoundedJson(text)).toMatchObject({ ok: false, bounded: true });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('keeps to the bounds exactly, commas and brackets inside strings not counted', () => {
    expect(parseBoundedJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(parseBoundedJson('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)).ok).toBe(false);
    expect(parseBoundedJson(`[${'0,'.repeat(MAX_JSON_VALUES - 1)}0]`).ok).toBe(true);
    expect(parseBoundedJson(`[${'0,'.repeat(MAX_JSON_VALUES)}0]`).ok).toBe(false);
    expect(parseBoundedJson(JSON.stringify({ a: ','.repeat(50_000) + '['.repeat(100) + '\\"' })).ok).toBe(true);
    // An escaped backslash before a closing quote ends the string: the brackets after it count.
    expect(parseBoundedJson('{"a":"x\\\\","b":[[1]]}', 2)).toMatchObject({ ok: false, bounded: true });
    expect(parseBoundedJson('{"a":"\\"[[[\\""}', 1).ok).toBe(true);
  });

  it('tells text that is not JSON from a refusal by the bounds', () => {
    expect(parseBoundedJson('{"a":')).toEqual({ ok: false, bounded: false, detail: 'the body is not valid JSON' });
  });
});
