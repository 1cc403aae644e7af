import type { IncomingMessage } from 'node:http';
import { operationEnvelopeAnswer } from '../responder/operation-envelope.js';
import { jsonAnswer, type HttpAnswer } from '../responder/answer.js';

export { DEFAULT_MAX_BODY_BYTES } from '../responder/request-body.js';

/** Request bodies read at once by default (docs/reliability.md, "Bodies in flight"; docs/decisions/0015). */
export const DEFAULT_MAX_BODIES_IN_FLIGHT = 16;

export interface BodySlots {
  /** A slot for one request's body, or null when `max` bodies are being read (answer busyAnswer then). */
  take(request: IncomingMessage): (() => void) | null;
  /** Bodies being read now. */
  readonly inFlight: number;
}

/**
 * Counts the request bodies being read, so that at most `max` of them are buffered at once: memory for bodies
 * stays under `max` x the body cap however many slow clients send 8 MiB. A request with no body (no
 * Content-Length or 0, no Transfer-Encoding) takes no slot; release is idempotent.
 */
export function createBodySlots(max: number): BodySlots {
  let inFlight = 0;
  return {
    take(request) {
      const length = Number(request.headers['content-length'] ?? 0);
      if (!request.headers['transfer-encoding'] && !(length > 0)) return () => undefined;
      if (inFlight >= max) return null;
      inFlight++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight--;
      };
    },
    get inFlight() {
      return inFlight;
    },
  };
}

/**
 * Past the cap: the vendor's answer to an overloaded API (docs/vendor-api.md#rate-limiting-and-common-codes),
 * `SERVICE_BUSY` with Retry-After, at once, its body dropped unread (discard-unread-body.ts). Each
 * operation answers its own example (the token and Get Result envelopes have no pricingStrategy), so the answer
 * validates against the spec for its path; any other path gets Save Enroll's. The admin API answers 503 with a
 * JSON error instead (it has no vendor envelope).
 */
export function busyAnswer(path: string, admin: boolean, max: number, transactionId: string): HttpAnswer {
  const headers = { 'retry-after': '1' };
  if (admin)
    return jsonAnswer(503, { error: `${max} request bodies are being read already (--max-bodies-in-flight); retry in a second` }, headers);
  return operationEnvelopeAnswer(path, 'SERVICE_BUSY', null, transactionId, headers);
}
