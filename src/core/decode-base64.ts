/**
 * Strict standard base64 (RFC 4648 section 4), as Java's basic decoder reads it: no white space, no line
 * breaks, no URL-safe alphabet, no `data:` prefix; padding optional. Anything else cannot be decoded.
 * Returns null when the text is not base64.
 */
export function decodeBase64(text: string): Uint8Array | null {
  const unpadded = text.replace(/={1,2}$/, '');
  if (unpadded.length % 4 === 1) return null;
  if (!/^[A-Za-z0-9+/]*$/.test(unpadded)) return null;
  // Buffer is Node's fast path; atob is the isomorphic one (browsers, service workers). Both see the same,
  // already validated input, so they agree.
  const NodeBuffer = (globalThis as { Buffer?: { from(s: string, e: string): Uint8Array } }).Buffer;
  if (NodeBuffer) return NodeBuffer.from(unpadded, 'base64');
  const binary = atob(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
