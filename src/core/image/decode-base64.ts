/**
 * Strict standard base64 (RFC 4648 section 4), as Java's basic decoder reads it: no white space, no line
 * breaks, no URL-safe alphabet, no `data:` prefix; padding optional. Anything else cannot be decoded.
 * Returns null when the text is not base64.
 *
 * Strictness is checked without a regular expression over the whole text, which cost more than the rest
 * of a request put together on a 200 KB image (docs/benchmarks.md). Node (Buffer) and browsers (atob)
 * refuse the same texts: white space, other alphabets, padding inside, non-zero trailing bits.
 */
export function decodeBase64(text: string): Uint8Array | null {
  const unpadded = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  if (unpadded.length % 4 === 1) return null;
  const NodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
  if (NodeBuffer) {
    // Node's decoder skips characters it does not know, so a text with any decodes short; it reads the
    // URL-safe alphabet too, and drops non-zero trailing bits. Those three are checked here, with no pass
    // over the text in JavaScript.
    if (unpadded.includes('-') || unpadded.includes('_') || !zeroTrailingBits(unpadded[unpadded.length - 1] ?? '', unpadded.length))
      return null;
    const bytes = NodeBuffer.from(unpadded, 'base64');
    return bytes.length === Math.floor((unpadded.length * 3) / 4) ? bytes : null;
  }
  let binary: string;
  try {
    binary = atob(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
  } catch {
    return null;
  }
  if (btoa(binary).replace(/={1,2}$/, '') !== unpadded) return null;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Text decoded per piece below this many characters: V8 makes strings this short without a fresh mapping (lazy-string.ts). */
const PIECE = 64 * 1024;

/**
 * decodeBase64 of a text given as its ASCII bytes (a body member kept as bytes: lazy-string.ts), with the same
 * strictness and the same result, without ever making the whole text into one string: in Node it is decoded in
 * pieces of a few tens of kilobytes straight into the result.
 */
export function decodeBase64Ascii(ascii: Uint8Array): Uint8Array | null {
  const NodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
  if (!NodeBuffer) return decodeBase64(new TextDecoder().decode(ascii));
  let end = ascii.length;
  if (ascii[end - 1] === 0x3d) end -= ascii[end - 2] === 0x3d ? 2 : 1;
  if (end % 4 === 1) return null;
  const unpadded = NodeBuffer.from(ascii.buffer, ascii.byteOffset, end);
  // The URL-safe alphabet and non-zero trailing bits, which Node's decoder accepts (see decodeBase64).
  if (unpadded.includes(0x2d) || unpadded.includes(0x5f)) return null;
  if (!zeroTrailingBits(String.fromCharCode(unpadded[end - 1] ?? 0), end)) return null;
  const expected = Math.floor((end * 3) / 4);
  const bytes = NodeBuffer.alloc(expected);
  let written = 0;
  // Pieces of a multiple of 4 characters decode to whole bytes each; a character Node skips makes the total short.
  for (let from = 0; from < end; from += PIECE)
    written += bytes.write(unpadded.toString('latin1', from, Math.min(end, from + PIECE)), written, 'base64');
  return written === expected ? bytes : null;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bits after the last whole byte must be zero: 'AQI' is canonical, 'AQJ' is not. */
function zeroTrailingBits(last: string, length: number): boolean {
  const rest = length % 4;
  if (rest === 0) return true;
  const value = ALPHABET.indexOf(last);
  if (value < 0) return false;
  return (value & (rest === 2 ? 0b1111 : 0b11)) === 0;
}

interface NodeBufferLike {
  from(text: string, encoding: 'base64'): Uint8Array & { toString(encoding: 'base64'): string };
  from(
    buffer: ArrayBufferLike,
    byteOffset: number,
    length: number,
  ): Uint8Array & { toString(encoding: 'latin1', start: number, end: number): string };
  alloc(size: number): Uint8Array & { write(text: string, offset: number, encoding: 'base64'): number };
}
