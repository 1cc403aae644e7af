import { operationCatalogs } from '../core/operation-catalogs.js';
import { enrollPath } from '../generated/outcomes.js';
import { jsonAnswer, type HttpAnswer } from './answer.js';

/** The examples every operation has, which the server (or the responder's own guards) answers before an operation decides. */
export type ServerExampleName = 'SERVICE_BUSY' | 'CLIENT_ERROR';

/**
 * The named example of the operation at `path`, rendered with a fresh transactionId, for what the server answers
 * itself (busy, a body it would not read): each operation's own envelope (the token and the journey's Generate URL
 * and Get Result have no pricingStrategy), so the answer validates against the spec for its path. Any other path
 * gets Save Enroll's.
 */
export function operationEnvelopeAnswer(
  path: string,
  name: ServerExampleName,
  extra: string | null,
  headers: Record<string, string> = {},
): HttpAnswer {
  const { catalog, pricing } = operationCatalogs.get(path) ?? operationCatalogs.get(enrollPath)!;
  const example = catalog[name]!;
  const envelope = {
    code: example.code,
    message: example.message,
    data: null,
    extra,
    transactionId: randomHex16(),
    ...(pricing ? { pricingStrategy: 'FREE' } : {}),
  };
  return jsonAnswer(example.status, envelope, { ...example.headers, ...headers });
}

/** 16 hex digits from the Web Crypto API (isomorphic: the responder runs in the browser too). */
function randomHex16(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
