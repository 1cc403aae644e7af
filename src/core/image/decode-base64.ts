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
    if (unpadded.includes('-') || unpadded.includes('_') || !zeroTrailingBits(unpadded)) return null;
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

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bits after the last whole byte must be zero: 'AQI' is canonical, 'AQJ' is not. */
function zeroTrailingBits(unpadded: string): boolean {
  const rest = unpadded.length % 4;
  if (rest === 0) return true;
  const value = ALPHABET.indexOf(unpadded[unpadded.length - 1]!);
  if (value < 0) return false;
  return (value & (rest === 2 ? 0b1111 : 0b11)) === 0;
}

interface NodeBufferLike {
  from(text: string, encoding: 'base64'): Uint8Array & { toString(encoding: 'base64'): string };
}
