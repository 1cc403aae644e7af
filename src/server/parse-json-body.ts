import { isAscii } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { defineLazyString } from '../core/text/lazy-string.js';
import { jsonBoundsProblem, MAX_JSON_DEPTH, MAX_JSON_VALUES } from '../core/http/parse-bounded-json.js';

/** Strings at least this long (a base64 image) are cut out of the text JSON.parse reads. */
const LONG_STRING = 4096;
/** What stands for a cut-out string in that text; the nonce keeps a client's own strings from meaning it. */
const PLACEHOLDER = `\u0000${randomBytes(8).toString('hex')}:`;

/**
 * A JSON body parsed from its bytes with each long string value never copied into a string unless read: an
 * object's member reads as its text, made from the bytes on first read (lazy-string.ts). Decoding the whole body to text and JSON.parse copying the image out of that text again were the two
 * largest costs of a Save Enroll (docs/benchmarks.md); the rest of the body (a few fields) goes through
 * JSON.parse as usual, within the same bounds (parse-bounded-json.ts).
 *
 * undefined when the fast way does not apply (no long string, a long string with escapes or non-ASCII bytes, a
 * long key, text that is not JSON or past the bounds): the caller parses the text as before, which also gives
 * the documented answer for a body that is not JSON. Never throws.
 */
export function parseJsonBody(bytes: Buffer): { value: unknown } | undefined {
  const cuts: Array<[number, number]> = [];
  for (let at = bytes.indexOf(0x22); at >= 0;) {
    const end = closingQuote(bytes, at);
    if (end < 0) return undefined;
    if (end - at - 1 >= LONG_STRING) {
      const content = bytes.subarray(at + 1, end);
      // Only plain ASCII is the same text whichever way it is read; a key is left to JSON.parse, and so is a raw
      // control character, which JSON.parse refuses (the body is then not JSON, as MSW reads it).
      if (content.includes(0x5c) || !isAscii(content) || hasControlByte(content) || nextToken(bytes, end + 1) === 0x3a) return undefined;
      cuts.push([at + 1, end]);
    }
    at = bytes.indexOf(0x22, end + 1);
  }
  if (!cuts.length) return undefined;
  let text = '';
  let from = 0;
  cuts.forEach(([start, end], index) => {
    text += `${bytes.toString('utf8', from, start)}\\u0000${PLACEHOLDER.slice(1)}${index}`;
    from = end;
  });
  text += bytes.toString('utf8', from);
  if (jsonBoundsProblem(text, MAX_JSON_DEPTH, MAX_JSON_VALUES)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const cutOf = (item: unknown) =>
    typeof item === 'string' && item.startsWith(PLACEHOLDER) ? cuts[Number(item.slice(PLACEHOLDER.length))] : undefined;
  const restore = (item: unknown): unknown => {
    const cut = cutOf(item);
    if (cut) return bytes.toString('latin1', cut[0], cut[1]);
    if (Array.isArray(item)) item.forEach((element, i) => (item[i] = restore(element)));
    else if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const member = cutOf(record[key]);
        // A member keeps its bytes: its string is made only if something reads it, and the image stage decodes
        // the bytes without it (lazy-string.ts). Defined, not assigned: a "__proto__" member is an own property.
        if (member) defineLazyString(record, key, bytes.subarray(member[0], member[1]));
        else restore(record[key]);
      }
    }
    return item;
  };
  return { value: restore(value) };
}

/** The quote closing the string opened at `open` (one not escaped by an odd run of backslashes), or -1. */
function closingQuote(bytes: Buffer, open: number): number {
  for (let at = bytes.indexOf(0x22, open + 1); at >= 0; at = bytes.indexOf(0x22, at + 1)) {
    let slashes = 0;
    while (bytes[at - 1 - slashes] === 0x5c) slashes++;
    if (slashes % 2 === 0) return at;
  }
  return -1;
}

/** The first byte at or after `at` that is not JSON white space. */
function nextToken(bytes: Buffer, at: number): number | undefined {
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x09)) at++;
  return bytes[at];
}

/**
 * Whether ASCII `bytes` hold one below 0x20, read four at a time: in a word of ASCII bytes, (w - 0x20202020) & ~w
 * has a byte's top bit set only if some byte is below 0x20. A byte at a time took several times as long on a
 * 200 KB image, a good part of a whole Save Enroll; four words an iteration, each into its own accumulator, take
 * about a fifth less again than one (50 against 60 us on 196 KB on the project's machine). An indexed loop:
 * for...of over a typed array is slower still.
 */
function hasControlByte(bytes: Uint8Array): boolean {
  let at = 0;
  const head = Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3);
  for (; at < head; at++) if (bytes[at]! < 0x20) return true;
  const words = new Int32Array(bytes.buffer, bytes.byteOffset + at, (bytes.length - at) >>> 2);
  const count = words.length;
  let seen0 = 0;
  let seen1 = 0;
  let seen2 = 0;
  let seen3 = 0;
  let i = 0;
  // The subtraction may leave int32's range; & brings it back, modulo 2^32, which is what the test needs.
  for (; i + 4 <= count; i += 4) {
    const w0 = words[i]!;
    const w1 = words[i + 1]!;
    const w2 = words[i + 2]!;
    const w3 = words[i + 3]!;
    seen0 |= (w0 - 0x20202020) & ~w0;
    seen1 |= (w1 - 0x20202020) & ~w1;
    seen2 |= (w2 - 0x20202020) & ~w2;
    seen3 |= (w3 - 0x20202020) & ~w3;
  }
  for (; i < count; i++) seen0 |= (words[i]! - 0x20202020) & ~words[i]!;
  if ((seen0 | seen1 | seen2 | seen3) & 0x80808080) return true;
  for (at += count * 4; at < bytes.length; at++) if (bytes[at]! < 0x20) return true;
  return false;
}
