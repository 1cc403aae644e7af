import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonBody } from './parse-json-body.js';
import { lazyStringBytes } from '../core/text/lazy-string.js';

const base64 = (length: number) => 'QUJD'.repeat(Math.ceil(length / 4)).slice(0, length);
const image = base64(200_000);

describe('parseJsonBody', () => {
  it('reads a body with a long base64 string as JSON.parse does', () => {
    const body = { faceImage: image, userId: 'user-1', region: 'PHL', nested: [{ faceImage: base64(5000) }, 'ünïcode ✓'] };
    const parsed = parseJsonBody(Buffer.from(JSON.stringify(body)));
    expect(parsed).toEqual({ value: body });
  });

  it('reads any JSON value the way JSON.parse does, or leaves it to JSON.parse', () => {
    const long = fc.oneof(
      fc.constant(image),
      fc.string({ minLength: 4096, maxLength: 6000 }),
      fc.string({ unit: 'binary', minLength: 4096, maxLength: 5000 }),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        long,
        fc.integer(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.boolean(), (json, spaced) => {
        const text = spaced ? JSON.stringify(json, null, 2) : JSON.stringify(json);
        const parsed = parseJsonBody(Buffer.from(text));
        if (parsed) expect(parsed.value).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves to JSON.parse what it would refuse or read differently', () => {
    const refused = [
      `{"faceImage":"${image}"`, // not JSON: JSON.parse gives the documented answer
      `${'['.repeat(100)}"${image}"${']'.repeat(100)}`, // past the nesting bound
      `{"${image}":1}`, // a long key
      `{"faceImage":"${image}\\n"}`, // an escape inside the long string
      `{"faceImage":"${image}é"}`, // non-ASCII inside the long string
      '{"userId":"short"}', // nothing long to cut out
      // A raw control character inside the long string (JSON.parse refuses it), wherever it falls in a word, and in
      // whichever of the four words the scan reads at a time (16 places in the middle), or in the last few bytes.
      ...['\n', '\t', '\u0000', '\u001f'].flatMap((control) =>
        Array.from({ length: 16 }, (_, at) => `{"faceImage":"${image.slice(0, 2000 + at)}${control}${image.slice(0, 3000)}"}`),
      ),
      ...['\n', '\t', '\u0000', '\u001f'].flatMap((control) =>
        [0, 1, 2, 3, 4, 5].flatMap((at) => [
          `{"faceImage":"${image.slice(0, 5000 + at)}${control}${image.slice(0, 7 - at)}"}`,
          `{"faceImage":"${image.slice(0, at)}${control}${image.slice(0, 5000)}"}`,
          `{"faceImage":"${image.slice(0, 5000 + at)}${control}"}`,
        ]),
      ),
    ];
    for (const text of refused) expect(parseJsonBody(Buffer.from(text))).toBeUndefined();
  });

  it('keeps a "__proto__" member an own property, as JSON.parse does', () => {
    const parsed = parseJsonBody(Buffer.from(`{"__proto__":"${image}","x":1}`))!;
    const value = parsed.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Reflect.get(value, '__proto__')).toBe(image);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('parseJsonBody keeps long members as bytes', () => {
  it('leaves a long member unmade until it is read, and reads it as the same text', () => {
    const parsed = parseJsonBody(Buffer.from(JSON.stringify({ faceImage: image, userId: 'u' })))!;
    const value = parsed.value as Record<string, unknown>;
    expect(Buffer.from(lazyStringBytes(value, 'faceImage')!).toString('latin1')).toBe(image);
    expect(value.faceImage).toBe(image);
    expect(lazyStringBytes(value, 'faceImage')).toBeUndefined();
  });

  it('makes a long text inside an array or at the top at once, as only an object member is kept', () => {
    const parsed = parseJsonBody(Buffer.from(JSON.stringify({ list: [image] })))!;
    const list = (parsed.value as { list: unknown[] }).list;
    expect(lazyStringBytes(list, '0')).toBeUndefined();
    expect(list[0]).toBe(image);
  });
});
