import { enrollPath } from '../generated/outcomes.js';
import { faultAnswer, jsonAnswer, type Answer } from './answer.js';
import type { JournalEntry } from './create-journal.js';
import type { Operation } from './operation.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Save Enroll: the decision core's verdict, after its delay, stored when it is a SUCCESS, journaled. */
export const enrollOperation: Operation = {
  path: enrollPath,
  async respond(request, context, { force }, started) {
    const decision = await context.core.decide(
      {
        ...(request.headers ? { headers: request.headers } : {}),
        bodyText: request.bodyText ?? '',
        ...(request.signal ? { signal: request.signal } : {}),
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
      const rendered = jsonAnswer(decision.status, decision.envelope, decision.headers);
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
      detail: decision.detail,
      latencyMs,
      ...facts,
    };
    context.journal.record(entry);
    return { answer, decision, log: { outcome: decision.outcome, status, latencyMs, ...facts } };
  },
};
