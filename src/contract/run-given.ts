import type { GivenStep } from './contract-case.js';

/** The operations a given step sends to: `enroll:` to Save Enroll, `generate:` to Generate URL. */
export type GivenOperation = 'enroll' | 'generate-url';

/** What running given steps needs of a target: sending a step's body, and completing an authentication. */
export interface GivenTarget {
  /** The answer to a step's body (`body` undefined when it was not JSON), or why it could not be sent. */
  send(
    operation: GivenOperation,
    body: Record<string, unknown>,
    saved: Readonly<Record<string, string>>,
  ): Promise<{ status: number; body: unknown } | { skip: string } | { fail: string }>;
  complete(signatureId: string, completion: { result: 'PASS' | 'FAIL' | 'INCOMPLETE'; reason?: string }): Promise<void>;
}

/**
 * A scenario's given steps in order, through the target its request goes to: every step must answer SUCCESS;
 * a Generate URL's signatureId is saved as `$signatureId` for the later steps and the request. The contract
 * command and the kit's scenario tests run the steps alike.
 */
export async function runGiven(
  steps: readonly GivenStep[] = [],
  target: GivenTarget,
): Promise<{ saved: Record<string, string> } | { skip: string } | { fail: string }> {
  const saved: Record<string, string> = {};
  for (const step of steps) {
    if ('complete' in step) {
      try {
        await target.complete(saved.signatureId ?? '', step.complete);
      } catch (error) {
        return { fail: `the given completion of ${saved.signatureId} failed: ${(error as Error).message}` };
      }
      continue;
    }
    const [operation, body] = 'enroll' in step ? (['enroll', step.enroll] as const) : (['generate-url', step.generate] as const);
    const answer = await target.send(operation, body, saved);
    if ('skip' in answer) return { skip: `a given ${operation}: ${answer.skip}` };
    if ('fail' in answer) return { fail: `the given ${operation} got ${answer.fail}` };
    if (answer.body === undefined) return { fail: `the given ${operation} got an answer that is not JSON (HTTP ${answer.status})` };
    const { code, message, data } = (answer.body ?? {}) as { code?: unknown; message?: unknown; data?: { signatureId?: unknown } };
    if (code !== 'SUCCESS')
      return { fail: `the given ${operation} answered HTTP ${answer.status} ${String(code)} "${String(message)}", not SUCCESS` };
    if (typeof data?.signatureId === 'string') saved.signatureId = data.signatureId;
  }
  return { saved };
}
