import { normalizeHeaders } from '../core/http/normalize-headers.js';
import { renderOperationEnvelope } from '../core/envelope/render-envelope.js';
import { faultAnswer, jsonAnswer, type Answer } from './answer.js';
import { boundedHeaders } from './bounded-headers.js';
import type { JournalEntry } from '../state/create-journal.js';
import type { Operation, OperationDeclaration } from './operation.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one frame every operation runs in: its decision (runStages over its stages), the delay, the state change
 * (only for a client still there: docs/reliability.md), the envelope from the one renderer with the example's
 * headers, the contract check, the journal and coverage. A transport fault is journaled with the status the
 * client got (a gateway page's 502, 0 for a reset or a hang) and the fault's name as its outcome.
 */
export function createOperation(declaration: OperationDeclaration): Operation {
  const { path, operationId } = declaration;
  return {
    ...declaration,
    async respond(request, context, { force, forceToken }, started) {
      const decision = await declaration.decide(request, context, forceToken ?? force);
      if (decision.delayMs > 0) await sleep(decision.delayMs);
      let detail = decision.detail;
      if (decision.commit && !request.signal?.aborted) detail = (await decision.commit()) || detail;
      let answer: Answer;
      let violations: string[] = [];
      if (decision.fault) answer = faultAnswer(decision.fault);
      else {
        const extra = decision.extra ?? null;
        const { status, headers, envelope } = renderOperationEnvelope(path, decision.outcome, decision.transactionId, extra, decision.data);
        const shape = `${status} ${decision.outcome} ${extra === null ? 'null' : 'text'}`;
        const rendered = jsonAnswer(status, envelope, { ...headers, ...decision.headers });
        ({ answer, violations } = context.validated(path, rendered, envelope, shape, decision.transactionId));
      }
      const latencyMs = context.elapsed(started);
      const status = answer.kind === 'http' ? answer.status : 0;
      const facts = {
        ...(decision.rule ? { rule: decision.rule } : {}),
        ...(decision.fault ? { fault: decision.fault } : {}),
        ...(violations.length ? { violations } : {}),
      };
      const entry: Omit<JournalEntry, 'id'> = {
        time: context.now().toISOString(),
        method: 'POST',
        path,
        operation: operationId,
        // A transport fault sends no envelope, so no transactionId reached the client (spec/admin.yaml).
        ...(decision.fault ? {} : { transactionId: decision.transactionId }),
        status,
        outcome: decision.outcome,
        stage: decision.stage as JournalEntry['stage'],
        source: decision.source,
        ...decision.facts,
        headers: boundedHeaders(normalizeHeaders(request.headers)),
        detail,
        latencyMs,
        ...facts,
      };
      context.journal.record(entry);
      context.coverage.record(decision.outcome, operationId);
      return {
        answer,
        log: {
          operation: operationId,
          outcome: decision.outcome,
          status,
          latencyMs,
          source: decision.source,
          stage: decision.stage,
          ...facts,
        },
      };
    },
  };
}
