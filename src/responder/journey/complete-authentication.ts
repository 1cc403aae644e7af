import { decodeBase64 } from '../../core/image/decode-base64.js';
import { scoreAuthentication, type ChosenResult, type FailReason } from '../../core/journey/score-authentication.js';
import { sha256Hex } from '../../core/crypto/sha256-hex.js';
import { ruleMatches } from '../../core/rules/match-rules.js';
import type { Rule } from '../../core/rules/parse-rules.js';
import type { ScopedRules } from '../../core/rules/create-rule-book.js';
import type { Authentication, AuthenticationState } from '../../state/authentication-store.js';
import type { EnrollmentState } from '../../state/enrollment-store.js';
import type { JournalState } from '../../state/mock-state.js';
import { deliverCallback, type CallbackAttempt } from './deliver-callback.js';
import type { JourneySettings } from './journey-settings.js';
import { keptText } from '../../core/text/kept-text.js';
import { parseBoundedJson } from '../../core/http/parse-bounded-json.js';
import { describeValue } from '../../core/text/describe-value.js';

/** What ends an authentication: the tester's choice in the H5 page, or the headless admin call. */
export interface Completion {
  result: ChosenResult;
  /** For FAIL: LIVENESS_ATTACK (default) or FACE_MISMATCH. */
  reason?: FailReason;
  /** The selfie, as base64 of JPEG or PNG bytes. */
  selfie?: string;
}

export interface CompletionDeps {
  store: EnrollmentState;
  authentications: AuthenticationState;
  journal: JournalState;
  journey: JourneySettings;
  now: () => Date;
  /** The rules in force for the request's namespace: the first with `authentication:` matching the user decides the result. */
  rules: Pick<ScopedRules, 'entries'>;
}

export type CompletionOutcome =
  | {
      ok: true;
      authentication: Authentication;
      /** Where the page sends the browser: returnUrl after PASS, failReturnUrl otherwise. */
      redirectUrl: string;
      /** The callback attempts, once they are over (COMPLETED after PASS or FAIL; none after INCOMPLETE). */
      delivery: Promise<CallbackAttempt[]>;
    }
  | { ok: false; status: 400 | 404 | 409; error: string };

const RESULTS: readonly string[] = ['PASS', 'FAIL', 'INCOMPLETE'];
const REASONS: readonly string[] = ['LIVENESS_ATTACK', 'FACE_MISMATCH'];

/** Reads a completion from a JSON body (admin API, the page), or says what is wrong with it. */
export function parseCompletion(bodyText: string | undefined): Completion | string {
  const parsed = parseBoundedJson(bodyText || '{}');
  if (!parsed.ok) return `${parsed.bounded ? parsed.detail : 'the body is not JSON'}; send {"result": "PASS" | "FAIL" | "INCOMPLETE"}`;
  const body = parsed.value;
  const { result, reason, selfie } = (body ?? {}) as Record<string, unknown>;
  if (typeof result !== 'string' || !RESULTS.includes(result))
    return `result must be PASS, FAIL or INCOMPLETE, got ${describeValue(result)}`;
  if (reason !== undefined && (typeof reason !== 'string' || !REASONS.includes(reason))) {
    return `reason must be LIVENESS_ATTACK or FACE_MISMATCH, got ${describeValue(reason)}`;
  }
  if (selfie !== undefined && typeof selfie !== 'string') return 'selfie must be base64 of a JPEG or PNG';
  return { result: result as ChosenResult, ...(reason ? { reason: reason as FailReason } : {}), ...(selfie ? { selfie } : {}) };
}

/**
 * Ends an authentication as the H5 page does (docs/vendor-api.md#h5-flow): scores it, stores the result, and
 * starts the callback (COMPLETED after PASS or FAIL); the redirect is the caller's to follow.
 */
export async function completeAuthentication(
  signatureId: string,
  completion: Completion,
  deps: CompletionDeps,
): Promise<CompletionOutcome> {
  const authentication = await deps.authentications.get(signatureId);
  if (!authentication)
    return {
      ok: false,
      status: 404,
      error: `no authentication ${keptText(signatureId, 100)}; create one with Generate Face Authentication URL`,
    };
  if (authentication.result) {
    return {
      ok: false,
      status: 409,
      error: `authentication ${signatureId} already ended ${authentication.result.overallResult}; generate a new URL`,
    };
  }
  let selfieSha256: string | undefined;
  if (completion.selfie) {
    const bytes = decodeBase64(completion.selfie.replace(/^data:image\/[a-z]+;base64,/, ''));
    if (!bytes || bytes.length === 0)
      return { ok: false, status: 400, error: 'selfie is not base64 of an image; send the JPEG or PNG bytes as base64' };
    selfieSha256 = await sha256Hex(bytes);
  }
  const now = deps.now();
  const ruled = await authenticationRule(
    authentication,
    (await deps.rules.entries()).map((entry) => entry.rule),
  );
  const chosen = ruled ? { result: ruled.result, ...(ruled.reason ? { reason: ruled.reason } : {}) } : completion;
  const scored = await scoreAuthentication({
    chosen: chosen.result,
    ...(chosen.reason ? { reason: chosen.reason } : {}),
    ...(selfieSha256 ? { selfieSha256 } : {}),
    enrolled: (await deps.store.faces(authentication.userId)).map((face) => face.imageSha256),
    similarityThreshold: deps.journey.similarityThreshold,
    time: now.getTime(),
  });
  const completed = await deps.authentications.complete(signatureId, { ...scored, completedAt: now.toISOString() });
  // Another request (another replica) ended it meanwhile: the first result stands.
  if (!completed) return { ok: false, status: 409, error: `authentication ${signatureId} already ended; generate a new URL` };
  const redirectUrl = scored.overallResult === 'PASS' ? authentication.returnUrl : authentication.failReturnUrl;
  const delivery = (async () => {
    if (scored.overallResult === 'INCOMPLETE') return [];
    const send = (type: 'COMPLETED' | 'SUBMIT_COMPLETED') =>
      deliverCallback(authentication.callbackUrl, { signatureId, type }, deps.journey.callback, deps.journal, deps.now);
    const submitted = deps.journey.callback.submitCompleted ? await send('SUBMIT_COMPLETED') : [];
    return [...submitted, ...(await send('COMPLETED'))];
  })();
  return { ok: true, authentication: completed, redirectUrl, delivery };
}

/** The first fixture rule with `authentication:` whose match (userId, region) fits this authentication's user. */
async function authenticationRule(authentication: Authentication, rules: readonly Rule[]): Promise<Rule['authentication']> {
  for (const rule of rules) {
    if (!rule.authentication) continue;
    const subject = {
      userId: authentication.userId,
      region: authentication.region,
      faceImage: undefined,
      faceImageKind: 'missing' as const,
      faceImageSha256: async () => null,
      headers: {},
    };
    if (await ruleMatches(rule, subject)) return rule.authentication;
  }
  return undefined;
}
