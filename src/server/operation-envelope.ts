import { randomBytes } from 'node:crypto';
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
import { jsonAnswer, type HttpAnswer } from '../responder/answer.js';

/** The examples every operation has, which the server answers before the responder sees the request. */
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
    transactionId: randomBytes(8).toString('hex'),
    ...(pricing ? { pricingStrategy: 'FREE' } : {}),
  };
  return jsonAnswer(example.status, envelope, { ...example.headers, ...headers });
}
