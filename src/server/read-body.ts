import type { IncomingMessage } from 'node:http';
import { isAscii } from 'node:buffer';
import { decodeBody } from '../responder/request-body.js';

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'aborted' | 'fragmented' };

/**
 * The bound on a body's pieces (docs/reliability.md, "Bodies in tiny pieces"): once `afterPieces` 'data' events
 * have come, their average size must be at least `minAverageBytes`. Node's HTTP parser hands over every chunk
 * (or every small TCP read) as an event, about 3 us each, so a body in 1-byte chunks costs about 3 s of CPU per
 * MiB; with the bound a fragmenting client costs at most `afterPieces` events (about 12 ms) before it is refused.
 * Real clients send chunks of KBs (fetch, curl: 16-64 KiB; a TCP segment is over 500 bytes).
 */
export interface PieceBound {
  afterPieces: number;
  minAverageBytes: number;
}

export const DEFAULT_PIECE_BOUND: PieceBound = { afterPieces: 4096, minAverageBytes: 256 };

/**
 * Reads a request body up to `maxBytes`. Past the cap it stops at once (the rest is not buffered) and says
 * so; a client that goes away mid-body is 'aborted'. Never throws.
 *
 * The chunks are copied straight into one buffer (the Content-Length's size, or grown by doubling), never listed.
 * The bytes are handed over as they are: what needs the text decodes it (bodyText), and a JSON body with an
 * image is parsed from the bytes (parse-json-body.ts), so the image is not copied into a text first.
 * A body that keeps coming in tiny pieces is 'fragmented' (PieceBound; null reads any pieces).
 */
export function readBody(request: IncomingMessage, maxBytes: number, pieces: PieceBound | null = DEFAULT_PIECE_BOUND): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return resolve({ ok: false, reason: 'too-large' });
    // One growing buffer, never a list of chunks: a client sending 1-byte chunks would otherwise cost a Buffer
    // object (about 100 bytes) per byte. With a Content-Length the buffer is that size from the start.
    let buffer = Buffer.allocUnsafe(Number.isInteger(declared) && declared > 0 ? declared : 0);
    const exact = Number.isInteger(declared) && declared > 0;
    let total = 0;
    let count = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (total + chunk.length > maxBytes || (exact && total + chunk.length > buffer.length)) {
        request.pause();
        return settle({ ok: false, reason: total + chunk.length > maxBytes ? 'too-large' : 'aborted' });
      }
      if (total + chunk.length > buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(buffer.length * 2, total + chunk.length, 16 * 1024)));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      chunk.copy(buffer, total);
      total += chunk.length;
      if (pieces && ++count >= pieces.afterPieces && total < count * pieces.minAverageBytes) {
        request.pause();
        settle({ ok: false, reason: 'fragmented' });
      }
    });
    request.on('end', () => settle({ ok: true, bytes: buffer.subarray(0, total) }));
    request.on('error', () => settle({ ok: false, reason: 'aborted' }));
    request.on('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}

/** A body's text: an all-ASCII body (every base64 image) is decoded as latin1, the same text and cheaper than UTF-8. */
export function bodyText(bytes: Buffer): string {
  // An all-ASCII body (every base64 image) is the same text as latin1, and cheaper; any other goes through
  // decodeBody, the decoding MSW's bodies get too (a leading byte order mark dropped).
  return isAscii(bytes) ? bytes.toString('latin1') : decodeBody(bytes);
}
