import { drawDelay } from '../core/random/draw-delay.js';
import { faults } from '../core/stages/faults.js';
import { keptText } from '../core/text/kept-text.js';
import { normalizeHeaders } from '../core/http/normalize-headers.js';
import { parseBoundedJson } from '../core/http/parse-bounded-json.js';
import { issuedTokenFirst } from '../core/stages/token-stage.js';
import { runStages } from '../core/stages/run-stages.js';
import type { Stage, StageContext, Verdict } from '../core/stages/stage.js';
import type { JournalEntry } from '../state/create-journal.js';
import type { OperationContext, OperationDeclaration } from './operation.js';
import type { PlainRequest } from './plain-request.js';

/** What an operation's own stages read besides the common context: the responder's state and the request. */
export interface OperationStageContext extends StageContext {
  operation: OperationContext;
  http: PlainRequest;
  /** The state change its SUCCESS makes, set by `succeed`; run after the delay, for a client still there. */
  commit?: () => Promise<string | void>;
  /** The journal's user when the body does not name one (Get Result: the authentication's). */
  journalUserId?: string;
}

export interface StagedOperationSpec<C extends OperationStageContext> extends Omit<OperationDeclaration, 'decide' | 'stages'> {
  /** The names `Prefer: example=NAME` may force (examples whose data comes from the state cannot be). */
  preferable: readonly string[];
  stages: readonly Stage<C>[];
  /** Every stage passed: the operation's SUCCESS (its data), and its state change in `context.commit`. */
  succeed(context: C): Promise<Verdict>;
  /** The data a forced SUCCESS carries (generate-token's forced SUCCESS issues a real token). */
  forced?(verdict: Verdict, context: C): Promise<Verdict>;
  /** What the journal keeps of the body (userId, accessKey: never a secret). */
  facts(body: unknown): Partial<JournalEntry>;
}

const isFault = (name: string) => (faults as readonly string[]).includes(name);

/**
 * An operation decided by its stages: the body parsed once (bounded), one transaction id and one delay drawn
 * from the settings every operation shares, runStages over the stages, its SUCCESS when they all pass. A
 * failure inside the mock (a shared store gone) answers the operation's own ERROR envelope, never a throw.
 */
export function stagedOperation<C extends OperationStageContext>(spec: StagedOperationSpec<C>): OperationDeclaration {
  const { preferable, stages, succeed, forced, facts, ...declaration } = spec;
  const stateful: readonly string[] = Object.keys(declaration.catalog).filter(
    (name) => !preferable.includes(name) && name !== 'CLIENT_ERROR',
  );
  return {
    ...declaration,
    stages,
    async decide(request, context, force) {
      const settings = context.core.settings;
      const parsed = parseBoundedJson(request.bodyText ?? '');
      const body = parsed.ok ? parsed.value : undefined;
      const transactionId = settings.random.transactionId();
      const delayMs = drawDelay(context.options.delay, settings.random);
      const stageContext = {
        request: {
          headers: normalizeHeaders(request.headers),
          body,
          parseFailed: !parsed.ok,
          ...(parsed.ok ? {} : { parseDetail: parsed.bounded ? parsed.detail : 'the body is not JSON' }),
          signal: request.signal,
        },
        settings,
        preferable,
        stateful,
        // A caller forces a fault, or an example Prefer could name; nothing else exists on this operation.
        ...(force !== undefined && (isFault(force) || preferable.includes(force)) ? { force } : {}),
        rateWindow: context.rateWindow,
        rules: context.rules,
        operation: context,
        http: request,
      } as C;
      const failed = (error: unknown): Verdict => {
        const why = `${context.sharedState ? 'the shared store failed' : 'internal failure'}: ${keptText(String((error as Error)?.message ?? error), 300)}`;
        return { outcome: 'ERROR', source: 'check', detail: why, extra: why };
      };
      let { stage, verdict } = await runStages(issuedTokenFirst(stages, settings.token), stageContext, succeed, failed);
      if (forced && 'outcome' in verdict && verdict.outcome === 'SUCCESS' && stage !== 'success')
        verdict = await forced(verdict, stageContext).catch(failed);
      const userId = stageContext.journalUserId;
      return {
        outcome: 'fault' in verdict ? verdict.fault : verdict.outcome,
        ...('fault' in verdict ? { fault: verdict.fault } : { extra: verdict.extra ?? null, data: verdict.data ?? null }),
        stage,
        source: verdict.source,
        ...(verdict.rule ? { rule: verdict.rule } : {}),
        detail: verdict.detail,
        delayMs: delayMs + (verdict.delayMs ?? 0),
        transactionId,
        facts: { ...facts(body), ...(userId !== undefined ? { userId } : {}) },
        ...(stageContext.commit ? { commit: stageContext.commit } : {}),
      };
    },
  };
}
