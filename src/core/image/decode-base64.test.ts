import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeBase64Ascii } from './decode-base64.js';

const cases: Array<[string, { given: string; want: number[] | null }]> = [
  ['decodes padded standard base64', { given: 'AQID', want: [1, 2, 3] }],
  ['decodes with one padding character', { given: 'AQI=', want: [1, 2] }],
  ['decodes without the optional padding', { given: 'AQI', want: [1, 2] }],
  ['decodes a lone padding to zero bytes', { given: '=', want: [] }],
  ['refuses white space and line breaks', { given: 'AQ ID', want: null }],
  ['refuses a line-wrapped body', { given: 'AQID\nAQID', want: null }],
  ['refuses the URL-safe alphabet', { given: 'AQ-_', want: null }],
  ['refuses a data: URL prefix', { given: 'data:image/png;base64,AQID', want: null }],
  ['refuses a length that no base64 can have', { given: 'AQIDA', want: null }],
  ['refuses padding in the middle', { given: 'AQ==AQID', want: null }],
];

describe('decodeBase64', () => {
  for (const [name, { given, want }] of cases) {
    it(name, () => {
      const got = decodeBase64(given);
      expect(got === null ? null : Array.from(got)).toEqual(want);
    });
  }

  it('decodes the same bytes through atob when Buffer is absent, as in a browser', () => {
    const saved = globalThis.Buffer;
    const text = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256)).toString('base64');
    const viaBuffer = Array.from(decodeBase64(text)!);
    try {
      // @ts-expect-error: simulate a runtime without Node's Buffer
      delete globalThis.Buffer;
      expect(Array.from(decodeBase64(text)!)).toEqual(viaBuffer);
      expect(Array.from(decodeBase64('AQI')!)).toEqual([1, 2]);
    } finally {
      globalThis.Buffer = saved;
    }
  });
});

describe('decodeBase64 refuses in both runtimes alike', () => {
  // 'AQJ': non-zero trailing bits, which a lenient decoder drops silently.
  const refused = ['AQ ID', 'AQ\tID', 'AQ-_', 'AQ==AQID', 'AQ*D', '\u00e9AQI', 'AQJ'];
  for (const given of refused) {
    it(`refuses ${JSON.stringify(given)} with Buffer and with atob`, () => {
      expect(decodeBase64(given)).toBeNull();
      const saved = globalThis.Buffer;
      try {
        // @ts-expect-error: simulate a runtime without Node's Buffer
        delete globalThis.Buffer;
        expect(decodeBase64(given)).toBeNull();
      } finally {
        globalThis.Buffer = saved;
      }
    });
  }
});

describe('decodeBase64Ascii', () => {
  const same = (text: string) => {
    const fromText = decodeBase64(text);
    const fromBytes = decodeBase64Ascii(Buffer.from(text, 'latin1'));
    expect(fromBytes === null ? null : Array.from(fromBytes)).toEqual(fromText === null ? null : Array.from(fromText));
  };

  it('decodes and refuses the same texts as decodeBase64, every case above included', () => {
    for (const [, { given }] of cases) same(given);
    for (const given of ['AQ ID', 'AQ\tID', 'AQ-_', 'AQ==AQID', 'AQ*D', 'AQJ', '', '==', '===', 'AQID===']) same(given);
  });

  it('decodes texts longer than one piece, with a fault anywhere, as decodeBase64 does', () => {
    // Pieces are 64 KiB of text: lengths and faults around their edges are where a piece-wise decoder would slip.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const text = fc
      .record({
        bytes: fc.uint8Array({ minLength: 49_000, maxLength: 100_000 }),
        fault: fc.option(fc.record({ at: fc.nat(), char: fc.constantFrom(' ', '\n', '-', '_', '=', '*', 'A') })),
        unpad: fc.boolean(),
      })
      .map(({ bytes, fault, unpad }) => {
        let text = Buffer.from(bytes).toString('base64');
        if (unpad) text = text.replace(/=+$/, '');
        if (fault) {
          const at = fault.at % text.length;
          text = text.slice(0, at) + fault.char + text.slice(at + 1);
        }
        return text;
      });
    fc.assert(fc.property(text, same), { numRuns: 60, endOnFailure: true });
    same(alphabet.repeat(1024) + 'AQ');
    same(alphabet.repeat(1024).slice(0, 65_535) + '=');
  });
});
