import type { IncomingMessage } from 'node:http';
import { isAscii } from 'node:buffer';

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads a request body up to `maxBytes`. Past the cap it stops at once (the rest is not buffered) and says
 * so; a client that goes away mid-body is 'aborted'. Never throws.
 *
 * With a Content-Length the chunks are copied straight into one buffer of that size (no list, no concat);
 * an all-ASCII body (every base64 image) is decoded as latin1, which is the same text and cheaper than UTF-8.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return resolve({ ok: false, reason: 'too-large' });
    const exact = Number.isInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (total + chunk.length > maxBytes || (exact && total + chunk.length > exact.length)) {
        request.pause();
        return settle({ ok: false, reason: total + chunk.length > maxBytes ? 'too-large' : 'aborted' });
      }
      if (exact) chunk.copy(exact, total);
      else chunks.push(chunk);
      total += chunk.length;
    });
    request.on('end', () => {
      const bytes = exact ? exact.subarray(0, total) : Buffer.concat(chunks, total);
      settle({ ok: true, text: bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8') });
    });
    request.on('error', () => settle({ ok: false, reason: 'aborted' }));
    request.on('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}
