import { renderOperationEnvelope } from '../core/envelope/render-envelope.js';
import { jsonAnswer, type HttpAnswer } from './answer.js';

/** The examples the server (or the responder's own guards) answers before an operation decides, and the last resort. */
export type ServerExampleName = 'SERVICE_BUSY' | 'CLIENT_ERROR' | 'ERROR';

/**
 * The named example of the operation at `path` as an HTTP answer (the one renderer, render-envelope.ts), for
 * what the server and the responder answer themselves (busy, a body it would not read, a bad namespace, a
 * shared store gone, a bug): each operation's own envelope, so the answer validates against the spec for its
 * path. `transactionId` comes from the responder's one source (Responder.transactionId).
 */
export function operationEnvelopeAnswer(
  path: string,
  name: ServerExampleName,
  extra: string | null,
  transactionId: string,
  headers: Record<string, string> = {},
  status?: number,
): HttpAnswer {
  const rendered = renderOperationEnvelope(path, name, transactionId, extra);
  return jsonAnswer(status ?? rendered.status, rendered.envelope, { ...rendered.headers, ...headers });
}
