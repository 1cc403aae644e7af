import { describe, expect, it } from 'vitest';
import { keptText, keptValue, MAX_KEPT_TEXT } from './kept-text.js';

describe('keptText', () => {
  it('keeps a short text as it is', () => {
    expect(keptText('PHL')).toBe('PHL');
  });

  it('cuts a long text to the bound and notes the original length', () => {
    const kept = keptText('x'.repeat(8_000_000), 64);
    expect(kept).toBe(`${'x'.repeat(64)}… (8000000 characters)`);
  });

  it('removes the userinfo of a URL, in a short text and in a cut one', () => {
    expect(keptText('failed: http://user:pass@127.0.0.1:9/a.jpg')).toBe('failed: http://127.0.0.1:9/a.jpg');
    expect(keptText(`see https://u:p@h/${'a'.repeat(500)}`, 100)).not.toMatch(/u:p@|:p@/);
  });

  it('removes a userinfo whose password holds a raw @ (the authority ends at its last @)', () => {
    expect(keptText('callback to http://hook:pa@ss@127.0.0.1:9/cb failed')).toBe('callback to http://127.0.0.1:9/cb failed');
    expect(keptText(`http://hook:pa@ss@127.0.0.1:9/${'a'.repeat(300)}`, 100)).not.toMatch(/ss@|hook/);
  });

  it('keeps no part of a userinfo that runs past the cut', () => {
    const url = `http://admin:${'s'.repeat(10_000)}@127.0.0.1/`;
    const kept = keptText(url, 100);
    expect(kept).not.toContain('admin');
    expect(kept).not.toContain('sss');
    expect(kept.endsWith(`(${url.length} characters)`)).toBe(true);
  });

  it('reads one cut of an 8 MB text, not the whole of it', () => {
    const text = `http://${'a'.repeat(8_000_000)}`;
    // The text with only its length and slice, each slice noted: any pass over the whole text (a search, a replace)
    // would be a call this stand-in does not have.
    const slices: Array<[number, number | undefined]> = [];
    const watched = {
      length: text.length,
      slice: (start: number, end?: number) => (slices.push([start, end]), text.slice(start, end)),
    } as unknown as string;
    expect(keptText(watched)).toBe(keptText(text));
    expect(slices).toEqual([[0, MAX_KEPT_TEXT]]);
  });
});

describe('keptValue', () => {
  it('cuts every string of a nested value and caps arrays and keys', () => {
    const value = keptValue({ a: 'y'.repeat(5000), b: { c: ['z'.repeat(5000)] }, list: Array(200).fill('x') }, 100) as any;
    expect(value.a).toMatch(/\(5000 characters\)$/);
    expect(value.b.c[0]).toMatch(/\(5000 characters\)$/);
    expect(value.list).toHaveLength(51);
    expect(value.list[50]).toBe('… (200 items)');
    expect(JSON.stringify(keptValue(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]))))).toHaveLength(
      JSON.stringify(Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`k${i}`, i]))).length,
    );
  });
});
