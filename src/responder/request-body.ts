import { gatewayAnswer, jsonAnswer, type HttpAnswer } from './answer.js';
import { operationEnvelopeAnswer } from './operation-envelope.js';

/**
 * Largest request body read, in bytes, by the server and by MSW alike (docs/reliability.md). Base64 of a 2 MB image
 * is 2.8 MB; 8 MiB leaves room for JSON and any legal image, and caps abuse.
 */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** A body read whole, or why it was not: over the cap, the client gone, or (server) thousands of tiny pieces. */
export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' | 'fragmented' };

// UTF-8 with a leading byte order mark dropped, as Fetch's `Request.text()` and JSON parsers that follow RFC 8259's
// "MAY ignore" read it (docs/decisions/0024-one-request-reading.md); bytes that are not UTF-8 become U+FFFD.
const utf8 = new TextDecoder();

/** A body's bytes as the text every operation reads: the one decoding rule of both adapters. */
export function decodeBody(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * Reads a Fetch request's body (what MSW hands over) up to `maxBytes`, with the server's rules: a declared length
 * over the cap is refused unread, a body that passes it is cancelled there, never buffered whole. Never throws.
 */
export async function readFetchBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too-large' };
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  let buffer = new Uint8Array(Number.isInteger(declared) && declared > 0 ? declared : 16 * 1024);
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { ok: true, text: decodeBody(buffer.subarray(0, total)) };
      if (total + value.length > maxBytes) {
        void reader.cancel().catch(() => {});
        return { ok: false, reason: 'too-large' };
      }
      if (total + value.length > buffer.length) {
        const grown = new Uint8Array(Math.min(maxBytes, Math.max(buffer.length * 2, total + value.length)));
        grown.set(buffer.subarray(0, total));
        buffer = grown;
      }
      buffer.set(value, total);
      total += value.length;
    }
  } catch {
    return { ok: false, reason: 'aborted' };
  }
}

/** What a body refused before it reached the responder gets: the gateway's 413, or CLIENT_ERROR for tiny pieces. */
export function refusedBodyAnswer(reason: 'too-large' | 'fragmented', path: string, transactionId: string): HttpAnswer {
  // No `Connection: close`: the server reads the rest and drops it, so a client still sending gets this answer.
  if (reason === 'too-large') return gatewayAnswer(413);
  // Thousands of tiny pieces cost CPU per piece (the server's read-body.ts, PieceBound): refused before they add up.
  const error = 'the body came in thousands of pieces under 256 bytes on average; send it in larger chunks';
  return path === '/__admin' || path.startsWith('/__admin/')
    ? jsonAnswer(400, { error }, { connection: 'close' })
    : operationEnvelopeAnswer(path, 'CLIENT_ERROR', error, transactionId, { connection: 'close' });
}
