import type { EnrollDecision } from '../core/create-enroll-core.js';
import { enrollPath } from '../generated/outcomes.js';
import { faultAnswer, jsonAnswer, type Answer } from './answer.js';
import type { JournalEntry } from './create-journal.js';
import type { Operation } from './operation.js';
import { boundedHeaders } from './bounded-headers.js';
import { normalizeHeaders } from '../core/normalize-headers.js';

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Save Enroll: the decision core's verdict, after its delay, stored when it is a SUCCESS, journaled. */
export const enrollOperation: Operation = {
  path: enrollPath,
  async respond(request, context, { force }, started) {
    const decision = await context.core.decide(
      {
        ...(request.headers ? { headers: request.headers } : {}),
        ...(request.body !== undefined ? { body: request.body } : { bodyText: request.bodyText ?? '' }),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(context.rateWindow ? { rateWindow: context.rateWindow } : {}),
        rules: context.rules,
      },
      force !== undefined ? { force } : {},
    );
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    // A client that left before its answer is not enrolled (docs/reliability.md).
    if (decision.kind === 'envelope' && decision.enrollment && !request.signal?.aborted)
      await context.store.add(decision.enrollment, decision.image);
    let answer: Answer;
    let violations: string[] = [];
    if (decision.kind === 'fault') answer = faultAnswer(decision.fault);
    else {
      const shape = `${decision.status} ${decision.outcome} ${decision.envelope.extra === null ? 'null' : 'text'}`;
      const trace: Record<string, string> = context.options.traceHeader ? { 'x-mock-decision': decisionHeader(decision) } : {};
      const rendered = jsonAnswer(decision.status, decision.envelope, { ...decision.headers, ...trace });
      ({ answer, violations } = context.validated(enrollPath, rendered, decision.envelope, shape, decision.transactionId));
    }
    const latencyMs = context.elapsed(started);
    const status = answer.kind === 'http' && decision.kind === 'envelope' ? answer.status : 0;
    const facts = {
      ...(decision.rule ? { rule: decision.rule } : {}),
      ...(decision.kind === 'fault' ? { fault: decision.fault } : {}),
      ...(violations.length ? { violations } : {}),
    };
    const entry: Omit<JournalEntry, 'id'> = {
      time: context.now().toISOString(),
      method: 'POST',
      path: enrollPath,
      status,
      outcome: decision.outcome,
      stage: decision.stage,
      source: decision.source,
      ...(decision.userId ? { userId: decision.userId } : {}),
      ...decision.facts,
      ...(decision.facts.image
        ? {
            image: {
              ...decision.facts.image,
              ...(decision.kind === 'envelope' && decision.enrollment?.imageSha256 ? { sha256: decision.enrollment.imageSha256 } : {}),
            },
          }
        : {}),
      headers: boundedHeaders(normalizeHeaders(request.headers)),
      detail: decision.detail,
      latencyMs,
      ...facts,
    };
    context.journal.record(entry);
    context.coverage.record(decision.kind === 'fault' ? decision.fault : decision.outcome);
    return {
      answer,
      decision,
      log: { outcome: decision.outcome, status, latencyMs, source: decision.source, stage: decision.stage, ...facts },
    };
  },
};
