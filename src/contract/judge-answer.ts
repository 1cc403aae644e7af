import { tokenOutcomes } from '../generated/outcomes.js';
import type { CaseKind, CaseStatus, ContractCase } from './contract-case.js';
import { contractOperations, type ContractOperation } from './contract-operations.js';
import { tokenEnvelopeErrors } from './envelope-errors.js';

export interface Judgement {
  status: CaseStatus;
  kind?: CaseKind;
  reason?: string;
}

type Catalog = Readonly<Record<string, { knownVariants: readonly string[] }>>;
const operations: Record<ContractOperation | 'token', { catalog: Catalog; schemaErrors: (body: unknown) => string[] }> = {
  ...contractOperations,
  token: { catalog: tokenOutcomes, schemaErrors: tokenEnvelopeErrors },
};

/**
 * One answer against the case's expectation, in the order a reader cares about: another code, an answer
 * that breaks the schema, or another status fails; the same code with another message is drift (a warning:
 * the vendor says its texts may change, docs/vendor-api.md), unless the catalog lists the text as a known
 * variant of the outcome, which passes with a note.
 */
export function judgeAnswer(
  expected: ContractCase['expect'],
  answer: { status: number; body: unknown },
  operation: ContractOperation | 'token' = 'enroll',
): Judgement {
  const { catalog, schemaErrors } = operations[operation];
  const { status, body } = answer;
  const code = (body as { code?: unknown } | null)?.code;
  const message = (body as { message?: unknown } | null)?.message;
  const got = `HTTP ${status} ${String(code)} "${String(message)}"`;
  const want = `HTTP ${expected.status} ${expected.code} "${expected.message}"`;
  const errors = schemaErrors(body);
  const schema = errors.length ? `; the answer breaks the spec's schema: ${errors.join('; ')}` : '';
  // Another code is named as such even when the schema refuses it too (an undocumented code is both).
  if (typeof code === 'string' && code !== expected.code)
    return { status: 'fail', kind: 'code-drift', reason: `expected code ${expected.code}, got ${got}${schema}` };
  if (errors.length)
    return { status: 'fail', kind: 'schema', reason: `the answer breaks the spec's schema (${errors.join('; ')}): got ${got}` };
  if (status !== expected.status) return { status: 'fail', kind: 'status-drift', reason: `expected ${want}, got ${got}` };
  if (message === expected.message) return { status: 'pass' };
  if (catalog[expected.outcome]?.knownVariants.includes(String(message)))
    return { status: 'pass', kind: 'known-variant', reason: `known variant of ${expected.outcome}: "${String(message)}"` };
  return {
    status: 'warn',
    kind: 'message-drift',
    reason: `message drift: expected "${expected.message}", got "${String(message)}" (same code ${expected.code})`,
  };
}
