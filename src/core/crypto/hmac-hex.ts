const encoder = new TextEncoder();

/** A keyed signer: HMAC-SHA-256 of a text as lower-case hex, by Web Crypto (isomorphic). The key is imported once. */
export function hmacHex(secret: string): (text: string) => Promise<string> {
  const key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (text) => {
    const mac = await crypto.subtle.sign('HMAC', await key, encoder.encode(text));
    return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
  };
}
