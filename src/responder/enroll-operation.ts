import type { EnrollDecision } from '../core/enroll/create-enroll-core.js';
import { isOutcomeName } from '../core/envelope/outcome-catalog.js';
import { faults, type Fault } from '../core/stages/faults.js';
import { enrollStages } from '../core/stages/enroll-stages.js';
import { enrollPath, outcomes } from '../generated/outcomes.js';
import { createOperation } from './create-operation.js';

/** `X-Mock-Decision: stage=rules; source=rule; rule=qa-1; outcome=ERROR`: printable ASCII, bounded. */
function decisionHeader(decision: EnrollDecision): string {
  const parts = [
    `stage=${decision.stage}`,
    `source=${decision.source}`,
    ...(decision.rule ? [`rule=${decision.rule}`] : []),
    `outcome=${decision.outcome}`,
  ];
  return parts
    .join('; ')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 300);
}

const isFault = (name: string): name is Fault => (faults as readonly string[]).includes(name);

/** Save Enroll: the enroll core's stages (core/stages/enroll-stages.ts); a SUCCESS stores the face. */
export const enrollOperation = createOperation({
  path: enrollPath,
  operationId: 'saveEnroll',
  catalog: outcomes,
  pricing: true,
  stages: enrollStages,
  async decide(request, context, force) {
    const forced = force !== undefined && (isFault(force) || isOutcomeName(force)) ? { force } : {};
    const decision = await context.core.decide(
      {
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : { bodyText: request.bodyText ?? '' }),
        signal: request.signal,
        rateWindow: context.rateWindow,
        rules: context.rules,
      },
      forced,
    );
    const { enrollment, image } = decision.kind === 'envelope' ? decision : {};
    return {
      outcome: decision.kind === 'fault' ? decision.fault : decision.outcome,
      ...(decision.kind === 'fault' ? { fault: decision.fault } : { extra: decision.envelope.extra }),
      stage: decision.stage,
      source: decision.source,
      ...(decision.rule ? { rule: decision.rule } : {}),
      detail: decision.detail,
      delayMs: decision.delayMs,
      transactionId: decision.transactionId,
      headers: context.options.traceHeader ? { 'x-mock-decision': decisionHeader(decision) } : ({} as Record<string, string>),
      facts: {
        ...(decision.userId ? { userId: decision.userId } : {}),
        ...decision.facts,
        ...(decision.facts.image
          ? { image: { ...decision.facts.image, ...(enrollment?.imageSha256 ? { sha256: enrollment.imageSha256 } : {}) } }
          : {}),
      },
      ...(enrollment ? { commit: async () => void (await context.store.add(enrollment, image)) } : {}),
    };
  },
});
