import { describe, expect, it } from 'vitest';
import { defineLazyString, lazyStringBytes } from './lazy-string.js';

describe('defineLazyString', () => {
  const text = 'QUJD'.repeat(50_000);

  it('reads as the text of its bytes, and keeps the bytes until it is read', () => {
    const body: Record<string, unknown> = { userId: 'alice' };
    const bytes = new TextEncoder().encode(text);
    defineLazyString(body, 'faceImage', bytes);
    expect(lazyStringBytes(body, 'faceImage')).toBe(bytes);
    expect(Object.keys(body)).toEqual(['userId', 'faceImage']);
    expect(body.faceImage).toBe(text);
    // Read once, it is a plain data member: the bytes are no longer offered.
    expect(lazyStringBytes(body, 'faceImage')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(body, 'faceImage')).toEqual({
      value: text,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });

  it('takes an assignment as a plain member would, without making the text', () => {
    const body: Record<string, unknown> = {};
    defineLazyString(body, 'faceImage', new TextEncoder().encode(text));
    body.faceImage = 'replaced';
    expect(body.faceImage).toBe('replaced');
    expect(lazyStringBytes(body, 'faceImage')).toBeUndefined();
  });

  it('serializes as the same JSON as the text would', () => {
    const body: Record<string, unknown> = { region: 'PHL' };
    defineLazyString(body, '__proto__', new TextEncoder().encode('abc'));
    expect(JSON.stringify(body)).toBe('{"region":"PHL","__proto__":"abc"}');
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });

  it('offers no bytes for a member that was never kept', () => {
    expect(lazyStringBytes({ faceImage: text }, 'faceImage')).toBeUndefined();
    expect(lazyStringBytes(null, 'faceImage')).toBeUndefined();
    expect(lazyStringBytes('text', 'faceImage')).toBeUndefined();
  });
});
