import {
  deleteEnrollOutcomes,
  deleteEnrollPath,
  enrollPath,
  generateUrlOutcomes,
  generateUrlPath,
  getEnrollOutcomes,
  getEnrollPath,
  getResultOutcomes,
  getResultPath,
  outcomes,
  tokenOutcomes,
  tokenPath,
} from '../generated/outcomes.js';
import { jsonAnswer, type HttpAnswer } from './answer.js';

/** The examples every operation has, which the server (or the responder's own guards) answers before an operation decides. */
export type ServerExampleName = 'SERVICE_BUSY' | 'CLIENT_ERROR';

interface OperationExamples {
  examples: Record<ServerExampleName, { status: number; code: string; message: string; headers: Readonly<Record<string, string>> }>;
  /** Whether the operation's envelope carries pricingStrategy (its schema). */
  pricing: boolean;
}

const BY_PATH: ReadonlyMap<string, OperationExamples> = new Map<string, OperationExamples>([
  [enrollPath, { examples: outcomes, pricing: true }],
  [tokenPath, { examples: tokenOutcomes, pricing: false }],
  [getEnrollPath, { examples: getEnrollOutcomes, pricing: true }],
  [deleteEnrollPath, { examples: deleteEnrollOutcomes, pricing: true }],
  [generateUrlPath, { examples: generateUrlOutcomes, pricing: false }],
  [getResultPath, { examples: getResultOutcomes, pricing: false }],
]);

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
  const { examples, pricing } = BY_PATH.get(path) ?? BY_PATH.get(enrollPath)!;
  const example = examples[name];
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
