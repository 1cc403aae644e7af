import { tokenOutcomes, tokenPath } from '../generated/outcomes.js';
import { tokenResponseSchema } from '../generated/schemas.js';
import { additiveFields } from './additive-fields.js';
import type { CaseKind, CaseStatus, ContractCase, Drift } from './contract-case.js';
import { contractOperations, type ContractOperation, type ContractOperationInfo } from './contract-operations.js';
import { tokenEnvelopeErrors } from './envelope-errors.js';

export interface Judgement {
  status: CaseStatus;
  kind?: CaseKind;
  reason?: string;
  /** The warnings' drifts, each with what was seen: what a baseline accepts (accept-drifts.ts). */
  drifts?: Drift[];
}

/** Every operation the judge knows: the case table's and the token flow's. */
export type JudgedOperation = ContractOperation | 'token';

const operations: Record<JudgedOperation, Omit<ContractOperationInfo, 'path'> & { path: string }> = {
  ...contractOperations,
  token: { path: tokenPath, catalog: tokenOutcomes, schema: tokenResponseSchema, schemaErrors: tokenEnvelopeErrors },
};

/** The operation answering POST `path`, or undefined (the proxy judges only these). */
export function operationAt(path: string): JudgedOperation | undefined {
  return (Object.keys(operations) as JudgedOperation[]).find((name) => operations[name].path === path);
}

/**
 * The one judge of a target's answer, for the contract command (against the case's expectation) and the proxy
 * (without one: against every outcome the operation documents). Failures, in the order a reader cares about:
 * another code (or, without an expectation, an undocumented one), an answer that breaks the schema, another
 * HTTP status. Warnings: the same code with another message (the vendor says its texts may change,
 * docs/vendor-api.md), and fields the spec does not describe (additive drift, each named by its JSON path;
 * the known part is still judged strictly, docs/decisions/0028). A known variant of the message passes with a note.
 */
export function judgeAnswer(
  expected: ContractCase['expect'] | undefined,
  answer: { status: number; body: unknown },
  operation: JudgedOperation = 'enroll',
): Judgement {
  const { catalog, schema, schemaErrors } = operations[operation];
  const { status, body } = answer;
  const { fields, known } = additiveFields(schema, body);
  const code = (body as { code?: unknown } | null)?.code;
  const message = (body as { message?: unknown } | null)?.message;
  const got = `HTTP ${status} ${String(code)} "${String(message)}"`;
  const errors = schemaErrors(known);
  const schemaNote = errors.length ? `; the answer breaks the spec's schema: ${errors.join('; ')}` : '';
  // The outcomes the answer may be: the expected one, or (the proxy) every one of the operation with this code.
  const candidates = expected
    ? [{ ...expected, knownVariants: catalog[expected.outcome]?.knownVariants ?? [] }]
    : Object.values(catalog).filter((o) => o.code === code);
  // Another code is named as such even when the schema refuses it too (an undocumented code is both).
  if (expected && typeof code === 'string' && code !== expected.code)
    return { status: 'fail', kind: 'code-drift', reason: `expected code ${expected.code}, got ${got}${schemaNote}` };
  if (!expected && typeof code === 'string' && !candidates.length)
    return { status: 'fail', kind: 'code-drift', reason: `code ${code} is not documented for ${operation}: got ${got}${schemaNote}` };
  if (errors.length)
    return { status: 'fail', kind: 'schema', reason: `the answer breaks the spec's schema (${errors.join('; ')}): got ${got}` };
  const sameStatus = candidates.filter((o) => o.status === status);
  if (!sameStatus.length) {
    const want = expected
      ? `expected HTTP ${expected.status} ${expected.code} "${expected.message}"`
      : `HTTP ${status} is not documented for ${String(code)}`;
    return { status: 'fail', kind: 'status-drift', reason: `${want}, got ${got}` };
  }
  const notes: string[] = [];
  const drifts: Drift[] = [];
  let kind: CaseKind | undefined;
  const variant = sameStatus.find((o) => o.knownVariants.includes(String(message)));
  if (!sameStatus.some((o) => o.message === message)) {
    if (variant) ((kind = 'known-variant'), notes.push(`known variant of ${expected?.outcome ?? `${String(code)}`}: "${String(message)}"`));
    else {
      kind = 'message-drift';
      drifts.push({ kind, seen: String(message) });
      notes.push(
        expected
          ? `message drift: expected "${expected.message}", got "${String(message)}" (same code ${expected.code})`
          : `message drift: "${String(message)}" is not a documented message of ${String(code)}`,
      );
    }
  }
  if (fields.length) {
    kind = kind === 'message-drift' ? kind : 'additive-drift';
    drifts.push({ kind: 'additive-drift', seen: fields.join(', ') });
    notes.push(`additive drift: the spec does not describe ${fields.map((f) => `\`${f}\``).join(', ')}`);
  }
  if (!notes.length) return { status: 'pass' };
  return {
    status: drifts.length ? 'warn' : 'pass',
    ...(kind ? { kind } : {}),
    reason: notes.join('; '),
    ...(drifts.length ? { drifts } : {}),
  };
}

/** The judge over an answer's text: one that is not JSON fails (the proxy's and the engine's entry point). */
export function judgeText(
  expected: ContractCase['expect'] | undefined,
  answer: { status: number; text: string },
  operation: JudgedOperation = 'enroll',
): Judgement {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return {
      status: 'fail',
      kind: 'schema',
      reason: `the answer is not JSON: HTTP ${answer.status} ${JSON.stringify(answer.text.slice(0, 80))}`,
    };
  }
  return judgeAnswer(expected, { status: answer.status, body }, operation);
}
