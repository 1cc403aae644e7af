import { normalizeHeaders } from '../../core/normalize-headers.js';
import { PREFER_EXAMPLE } from '../../core/stages/prefer-stage.js';
import { jsonAnswer } from '../answer.js';
import type { JournalEntry } from '../create-journal.js';
import type { Operation, OperationContext, PlainRequest } from '../operation.js';
import { keptText } from '../../core/kept-text.js';
import { parseBoundedJson } from '../../core/parse-bounded-json.js';

/** A journey operation's catalog (generated from the spec's named examples). */
export type JourneyCatalog = Readonly<Record<string, { status: number; code: string; message: string; stateful: boolean }>>;

/** What an operation decided: the example to render, with the data and extra it carries. */
export interface JourneyVerdict {
  outcome: string;
  data?: unknown;
  extra?: string | null;
  /** Why, for the journal. */
  detail: string;
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

/**
 * The frame every journey operation shares: Prefer (error examples only), the token rule enroll applies
 * (first with `token: issued`, as enroll), the body parsed once, the envelope rendered from the catalog, the
 * contract check, the journal. The operation itself only checks its fields and reads or changes the state.
 */
export function journeyOperation(spec: JourneyOperationSpec): Operation {
  const forcible = Object.keys(spec.catalog).filter((name) => !spec.catalog[name]!.stateful && name !== 'CLIENT_ERROR');
  return {
    path: spec.path,
    async respond(request, context, _options, started) {
      const headers = normalizeHeaders(request.headers);
      const transactionId = context.journey.random.transactionId();
      const verdict = await decide();
      async function decide(): Promise<JourneyVerdict & { source: JournalEntry['source'] }> {
        const token = async () => {
          const problem = await context.journey.checkToken(headers);
          return problem ? { outcome: 'IAM_FAILED', detail: problem, source: 'check' as const } : undefined;
        };
        if (context.options.token === 'issued') {
          const refused = await token();
          if (refused) return refused;
        }
        const name = headers['prefer'] ? PREFER_EXAMPLE.exec(headers['prefer'])?.[2] : undefined;
        if (name !== undefined) {
          if (!forcible.includes(name)) {
            const extra = `Unknown example "${keptText(name, 64)}" in the Prefer header (examples whose data comes from the mock's state cannot be forced). Valid names: ${forcible.join(', ')}`;
            return { outcome: 'CLIENT_ERROR', extra, detail: extra, source: 'prefer' };
          }
          return { outcome: name, detail: `forced by Prefer: example=${name}`, source: 'prefer' };
        }
        const refused = await token();
        if (refused) return refused;
        const parsed = parseBoundedJson(request.bodyText ?? '');
        if (!parsed.ok)
          return { outcome: 'PARAMETER_ERROR', detail: parsed.bounded ? parsed.detail : 'the body is not JSON', source: 'check' };
        const body = parsed.value;
        try {
          return { ...(await spec.decide({ headers, body, request }, context)), source: 'check' };
        } catch (error) {
          // A failure inside the mock is the vendor's server error, never a throw.
          return {
            outcome: 'ERROR',
            detail: `internal failure: ${keptText(String((error as Error)?.message ?? error), 300)}`,
            source: 'check',
          };
        }
      }
      const { status, code, message } = spec.catalog[verdict.outcome]!;
      const envelope = {
        code,
        message,
        data: verdict.data ?? null,
        extra: verdict.extra ?? null,
        transactionId,
        ...(spec.pricing ? { pricingStrategy: 'FREE' } : {}),
      };
      const shape = `${status} ${verdict.outcome} ${verdict.extra ? 'text' : 'null'}`;
      const { answer, violations } = context.validated(spec.path, jsonAnswer(status, envelope), envelope, shape, transactionId);
      const latencyMs = context.elapsed(started);
      const finalStatus = answer.kind === 'http' ? answer.status : 0;
      context.journal.record({
        time: context.now().toISOString(),
        method: 'POST',
        path: spec.path,
        status: finalStatus,
        outcome: verdict.outcome,
        source: verdict.source,
        detail: verdict.detail,
        latencyMs,
        ...(violations.length ? { violations } : {}),
      });
      return { answer, log: { outcome: verdict.outcome, status: finalStatus, latencyMs, ...(violations.length ? { violations } : {}) } };
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
