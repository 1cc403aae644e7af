import type { SharedStageName } from '../../core/create-enroll-core.js';
import { drawDelay } from '../../core/draw-delay.js';
import { faults, type Fault } from '../../core/faults.js';
import { normalizeHeaders } from '../../core/normalize-headers.js';
import { PREFER_EXAMPLE } from '../../core/stages/prefer-stage.js';
import { faultAnswer, jsonAnswer, type Answer } from '../answer.js';
import type { JournalEntry } from '../create-journal.js';
import type { Operation, OperationContext, PlainRequest } from '../operation.js';
import { keptText } from '../../core/kept-text.js';
import { parseBoundedJson } from '../../core/parse-bounded-json.js';
import { isPlainObject } from '../../core/is-plain-object.js';
import { didYouMean, matchName } from '../../core/suggest-name.js';

/** A journey operation's catalog (generated from the spec's named examples). */
export type JourneyCatalog = Readonly<
  Record<string, { status: number; code: string; message: string; stateful: boolean; headers: Readonly<Record<string, string>> }>
>;

/** What an operation decided: the example to render, with the data and extra it carries. */
export interface JourneyVerdict {
  outcome: string;
  data?: unknown;
  extra?: string | null;
  /** Why, for the journal. */
  detail: string;
  /** The user the request is about when the body does not name one (Get Result: the authentication's). */
  journalUserId?: string;
}

export interface JourneyRequest {
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when it did not parse). */
  body: unknown;
  request: PlainRequest;
}

export interface JourneyOperationSpec {
  path: string;
  catalog: JourneyCatalog;
  /** Whether answers carry pricingStrategy: FREE (the enroll family's envelope) */
  pricing: boolean;
  /** The operation's own checks and state change, after Prefer and the token. */
  decide(input: JourneyRequest, context: OperationContext): Promise<JourneyVerdict>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isFault = (name: unknown): name is Fault => (faults as readonly unknown[]).includes(name);

type Decided = JourneyVerdict & { source: JournalEntry['source']; fault?: Fault };

/**
 * The frame every journey operation shares, in enroll's order (spec: x-checks-order): a caller's forced fault,
 * the token first with `token: issued`, Prefer (error examples only), `X-Mock-Fault` or the `fault` option, the
 * rate limit (enroll's own stages, one rate window for every operation), the token; then the `delay`, the body
 * parsed once, the operation's own checks and state change, the envelope rendered from the catalog with the
 * outcome's headers, the contract check, the journal.
 */
export function journeyOperation(spec: JourneyOperationSpec): Operation {
  const forcible = Object.keys(spec.catalog).filter((name) => !spec.catalog[name]!.stateful && name !== 'CLIENT_ERROR');
  return {
    path: spec.path,
    async respond(request, context, { force }, started) {
      const headers = normalizeHeaders(request.headers);
      const transactionId = context.journey.random.transactionId();
      const delayMs = drawDelay(context.options.delay, context.journey.random);
      const shared = async (name: SharedStageName): Promise<Decided | undefined> => {
        const verdict = await context.core.sharedStage(name, {
          headers,
          ...(isFault(force) ? { force } : {}),
          ...(context.rateWindow ? { rateWindow: context.rateWindow } : {}),
        });
        if (!verdict) return undefined;
        if ('fault' in verdict) return { outcome: 'ERROR', fault: verdict.fault, detail: verdict.detail, source: verdict.source };
        return {
          outcome: verdict.outcome,
          detail: verdict.detail,
          source: verdict.source,
          ...(verdict.extra ? { extra: verdict.extra } : {}),
        };
      };
      const token = async (): Promise<Decided | undefined> => {
        const problem = await context.journey.checkToken(headers);
        return problem ? { outcome: 'IAM_FAILED', detail: problem, source: 'check' } : undefined;
      };
      const prefer = (): Decided | undefined => {
        const name = headers['prefer'] ? PREFER_EXAMPLE.exec(headers['prefer'])?.[2] : undefined;
        if (name === undefined) return undefined;
        const match = matchName(name, forcible);
        if (!match.ok) {
          const extra = `Unknown example "${keptText(name, 64)}" in the Prefer header (examples whose data comes from the mock's state cannot be forced): ${didYouMean(match)}Valid names: ${forcible.join(', ')}`;
          return { outcome: 'CLIENT_ERROR', extra, detail: extra, source: 'prefer' };
        }
        return { outcome: match.name, detail: `forced by Prefer: example=${match.name}`, source: 'prefer' };
      };
      async function gate(): Promise<Decided | undefined> {
        return (
          (await shared('force')) ??
          (context.options.token === 'issued' ? await token() : undefined) ??
          prefer() ??
          (await shared('fault')) ??
          (await shared('rate-limit')) ??
          (await token())
        );
      }
      let userId: string | undefined;
      async function check(): Promise<Decided> {
        const parsed = parseBoundedJson(request.bodyText ?? '');
        if (!parsed.ok)
          return { outcome: 'PARAMETER_ERROR', detail: parsed.bounded ? parsed.detail : 'the body is not JSON', source: 'check' };
        const body = parsed.value;
        // The journal's userId, so `?userId=` and the verification count find the journey's requests too.
        const named = isPlainObject(body) && typeof body.userId === 'string' ? body.userId : undefined;
        if (named !== undefined) userId = keptText(named, 128);
        try {
          return { ...(await spec.decide({ headers, body, request }, context)), source: 'check' };
        } catch (error) {
          // A failure inside the mock (a shared store that went away) is the vendor's server error, never a throw;
          // `extra` says why, as enroll's does.
          const why = `${context.options.state ? 'the shared store failed' : 'internal failure'}: ${keptText(String((error as Error)?.message ?? error), 300)}`;
          return { outcome: 'ERROR', extra: why, detail: why, source: 'check' };
        }
      }
      const gated = await gate();
      // The delay comes before the state change, as enroll's comes before the store.
      if (delayMs > 0) await sleep(delayMs);
      const verdict = gated ?? (await check());
      let answer: Answer;
      let violations: string[] = [];
      if (verdict.fault) answer = faultAnswer(verdict.fault);
      else {
        const { status, code, message, headers: carried } = spec.catalog[verdict.outcome]!;
        const envelope = {
          code,
          message,
          data: verdict.data ?? null,
          extra: verdict.extra ?? null,
          transactionId,
          ...(spec.pricing ? { pricingStrategy: 'FREE' } : {}),
        };
        const shape = `${status} ${verdict.outcome} ${verdict.extra ? 'text' : 'null'}`;
        ({ answer, violations } = context.validated(
          spec.path,
          jsonAnswer(status, envelope, { ...carried }),
          envelope,
          shape,
          transactionId,
        ));
      }
      const latencyMs = context.elapsed(started);
      const finalStatus = answer.kind === 'http' && !verdict.fault ? answer.status : 0;
      const facts = { ...(verdict.fault ? { fault: verdict.fault } : {}), ...(violations.length ? { violations } : {}) };
      context.journal.record({
        time: context.now().toISOString(),
        method: 'POST',
        path: spec.path,
        status: finalStatus,
        outcome: verdict.outcome,
        source: verdict.source,
        detail: verdict.detail,
        latencyMs,
        ...((verdict.journalUserId ?? userId) !== undefined ? { userId: verdict.journalUserId ?? userId } : {}),
        ...facts,
      });
      return { answer, log: { outcome: verdict.outcome, status: finalStatus, latencyMs, ...facts } };
    },
  };
}

/** The userId check Get Enroll and Delete Enroll share: the generic error, or UserId is invalid. */
export function userIdOf(body: unknown, pattern: RegExp): { userId: string } | JourneyVerdict {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { outcome: 'PARAMETER_ERROR', detail: 'the body is not a JSON object' };
  const userId = Object.hasOwn(body, 'userId') ? (body as { userId: unknown }).userId : undefined;
  if (typeof userId !== 'string' || userId.trim() === '') {
    return { outcome: 'PARAMETER_ERROR', detail: 'userId is missing or not a string' };
  }
  if (!pattern.test(userId)) return { outcome: 'PARAMETER_ERROR_USER_ID_INVALID', detail: 'userId must be 1-64 of A-Z a-z 0-9 _ - . @ :' };
  return { userId };
}
