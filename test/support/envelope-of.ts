import type { EnrollDecision, EnvelopeDecision } from '../../src/core/enroll/create-enroll-core.js';

/** Narrows a decision to an envelope answer, failing the test with the fault it got instead. */
export function envelopeOf(decision: EnrollDecision): EnvelopeDecision {
  if (decision.kind !== 'envelope') throw new Error(`expected an envelope answer, got the fault ${decision.fault} (${decision.detail})`);
  return decision;
}
