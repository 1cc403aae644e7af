import { constantTimeEqual } from '../crypto/constant-time-equal.js';
import { createRandom } from '../random/create-random.js';
import { randomSecret } from '../crypto/random-secret.js';
import { sha256Hex } from '../crypto/sha256-hex.js';
import { tokenPath, type TokenOutcomeName } from '../../generated/outcomes.js';
import { renderOperationEnvelope } from '../envelope/render-envelope.js';
import type { components } from '../../generated/openapi.js';
import { isPlainObject } from '../http/is-plain-object.js';
import { keptText } from '../text/kept-text.js';
import { parseBoundedJson } from '../http/parse-bounded-json.js';
import { mockDefaults } from '../settings/mock-defaults.js';
import type { AccessKeyPair, ResolvedMockOptions } from '../settings/resolved-mock-options.js';

export type TokenResponse = components['schemas']['TokenResponse'];

export type { AccessKeyPair } from '../settings/resolved-mock-options.js';

/** What the token core reads of the resolved options. */
export type TokenSettings = Pick<ResolvedMockOptions, 'keys' | 'seed' | 'replicaId' | 'now' | 'signingKey'>;

export interface TokenDecision {
  outcome: TokenOutcomeName;
  status: number;
  envelope: TokenResponse;
  detail: string;
}

export interface TokenCore {
  decide(bodyText: string): Promise<TokenDecision>;
  /** True for a token this instance issued that has not expired. */
  verify(token: string): Promise<boolean>;
  /** The checks of a parsed body in the API's order, each a stage of the generateToken operation. */
  readonly checks: TokenChecks;
  /** A token for `pair`, valid `period` seconds: the SUCCESS data. */
  issue(pair: AccessKeyPair, period: number): Promise<{ data: NonNullable<TokenResponse['data']>; detail: string }>;
  /** The key pair a forced SUCCESS issues for (the first configured). */
  readonly firstPair: AccessKeyPair;
}

/** A check's refusal: the example to answer and why. */
export interface TokenProblem {
  outcome: TokenOutcomeName;
  detail: string;
}

/** What the token checks read of a body that passed the fields check. */
export interface TokenFields {
  accessKey: unknown;
  timestamp: unknown;
  signature: unknown;
  periodSecond: unknown;
}

export interface TokenChecks {
  fields(body: unknown): TokenProblem | TokenFields;
  timestamp(fields: TokenFields): TokenProblem | { stamp: string };
  signature(fields: TokenFields, stamp: string): Promise<TokenProblem | { pair: AccessKeyPair }>;
  account(pair: AccessKeyPair): TokenProblem | undefined;
  /** The period asked for, brought into 60..86400 (3600 by default), with a note when it was changed. */
  period(fields: TokenFields): { period: number; note?: string };
}

const MAX_SKEW_MS = 300_000;
const encoder = new TextEncoder();

/** A value for a detail line: strings quoted and cut short, anything else by its JSON type, never String(value). */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(keptText(value, 64));
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}

/** The timestamp as 13 digits: a string, or a whole JSON number. Nothing else is coerced (String([["1"]]) is "1"). */
function timestampText(value: unknown): string | null {
  const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : null;
  return text !== null && /^\d{13}$/.test(text) ? text : null;
}

/**
 * The token's lifetime from periodSecond: a JSON number or a string of digits (as timestamp may be), brought into
 * the vendor's 60..86400 rather than refused, since the vendor documents the range but no message for leaving it
 * (docs/vendor-api.md#kit-choices-for-tokens). Anything else is the default 3600. The note says what was changed,
 * for the log and the journal.
 */
function tokenPeriod(requested: unknown): { period: number; note?: string } {
  if (requested === undefined || requested === null) return { period: 3600 };
  const n =
    typeof requested === 'number' ? requested : typeof requested === 'string' && /^\d{1,15}$/.test(requested) ? Number(requested) : NaN;
  if (!Number.isFinite(n)) return { period: 3600, note: `periodSecond ${describe(requested)} is not a number: the default 3600 s` };
  const period = Math.min(86_400, Math.max(60, Math.floor(n)));
  return period === n ? { period } : { period, note: `periodSecond ${n} is outside 60..86400 or not whole: ${period} s` };
}

/**
 * The Token Authentication API (spec operation generateToken; docs/vendor-api.md#token-authentication-api): signature =
 * sha256(accessKey + secretKey + timestamp), timestamp within 300 s, a JWT (HS512, signed and verified by
 * jose) valid for periodSecond. Isomorphic, like the enroll core.
 */
export function createTokenCore(settings: TokenSettings): TokenCore {
  const { keys } = settings;
  const now = () => settings.now().getTime();
  const random = createRandom(settings.seed, settings.replicaId);
  // Never from the seeded source: its ids are in every answer (random-secret.ts).
  const signingKey = settings.signingKey ?? randomSecret();
  const secret = encoder.encode(signingKey);

  // The one renderer (render-envelope.ts); the responder renders its own answers, this is for decide's callers.
  const finish = (outcome: TokenOutcomeName, detail: string, data: TokenResponse['data'] = null): TokenDecision => {
    const { status, envelope } = renderOperationEnvelope(tokenPath, outcome, random.transactionId(), null, data);
    return { outcome, status, envelope: envelope as TokenResponse, detail };
  };

  const issue = async (pair: AccessKeyPair, period: number) => {
    const issued = now();
    const expiredTime = issued + period * 1000;
    const { SignJWT } = await loadJose();
    const token = await new SignJWT()
      .setProtectedHeader({ alg: 'HS512' })
      .setIssuer('face-enroll-mock')
      .setSubject(pair.accessKey)
      .setAudience('advance-openapi')
      .setIssuedAt(Math.floor(issued / 1000))
      .setExpirationTime(Math.floor(expiredTime / 1000))
      .sign(secret);
    return { data: { token, expiredTime }, detail: `token for ${pair.accessKey}, ${period} s` };
  };
  const issued = async (pair: AccessKeyPair, period: number): Promise<TokenDecision> => {
    const { data, detail } = await issue(pair, period);
    return finish('SUCCESS', detail, data);
  };

  const checks: TokenChecks = {
    fields(body) {
      if (!isPlainObject(body)) return { outcome: 'CLIENT_ERROR', detail: 'the body is not a JSON object' };
      const field = (key: string) => (Object.hasOwn(body, key) ? body[key] : undefined);
      const fields = {
        accessKey: field('accessKey'),
        timestamp: field('timestamp'),
        signature: field('signature'),
        periodSecond: field('periodSecond'),
      };
      for (const name of ['accessKey', 'timestamp', 'signature'] as const) {
        const value = fields[name];
        if (value === undefined || value === null || value === '')
          return { outcome: 'PARAMETER_ERROR_EMPTY', detail: `${name} is missing or empty` };
      }
      return fields;
    },
    timestamp({ timestamp }) {
      const stamp = timestampText(timestamp);
      if (stamp === null || Math.abs(now() - Number(stamp)) > MAX_SKEW_MS) {
        return {
          outcome: 'PARAMETER_ERROR_TIMESTAMP',
          detail: `timestamp ${describe(timestamp)} is not 13 digits within 300 s of ${now()}`,
        };
      }
      return { stamp };
    },
    async signature({ accessKey, signature }, stamp) {
      if (typeof accessKey !== 'string')
        return { outcome: 'PARAMETER_ERROR_SIGNATURE', detail: `accessKey is ${describe(accessKey)}, not a string` };
      if (typeof signature !== 'string')
        return { outcome: 'PARAMETER_ERROR_SIGNATURE', detail: `signature is ${describe(signature)}, not a string` };
      const pair = keys.find((k) => k.accessKey === accessKey);
      if (!pair) return { outcome: 'PARAMETER_ERROR_SIGNATURE', detail: `unknown accessKey ${describe(accessKey)}` };
      const expected = await sha256Hex(encoder.encode(pair.accessKey + pair.secretKey + stamp));
      if (!constantTimeEqual(encoder.encode(expected), encoder.encode(signature))) {
        return { outcome: 'PARAMETER_ERROR_SIGNATURE', detail: 'the signature does not match' };
      }
      return { pair };
    },
    account(pair) {
      return pair.disabled ? { outcome: 'ACCOUNT_DISABLED', detail: `account ${pair.accessKey} is disabled` } : undefined;
    },
    period({ periodSecond }) {
      return tokenPeriod(periodSecond);
    },
  };
  const firstPair = keys[0] ?? mockDefaults.keys[0]!;

  return {
    async decide(bodyText) {
      const parsed = parseBoundedJson(bodyText);
      if (!parsed.ok) return finish('CLIENT_ERROR', parsed.bounded ? parsed.detail : 'the body is not JSON');
      const fields = checks.fields(parsed.value);
      if ('outcome' in fields) return finish(fields.outcome, fields.detail);
      const time = checks.timestamp(fields);
      if ('outcome' in time) return finish(time.outcome, time.detail);
      const signed = await checks.signature(fields, time.stamp);
      if ('outcome' in signed) return finish(signed.outcome, signed.detail);
      const disabled = checks.account(signed.pair);
      if (disabled) return finish(disabled.outcome, disabled.detail);
      const { period, note } = checks.period(fields);
      const decision = await issued(signed.pair, period);
      return note ? { ...decision, detail: `${decision.detail} (${note})` } : decision;
    },
    async verify(token) {
      // Signed by this instance's key with HS512, and not expired at now() (exp required): as before jose.
      const { jwtVerify } = await loadJose();
      try {
        await jwtVerify(token, secret, { algorithms: ['HS512'], requiredClaims: ['exp'], currentDate: new Date(now()) });
        return true;
      } catch {
        return false;
      }
    },
    checks,
    issue,
    firstPair,
  };
}

/** JWT signing is for the token flow only: loaded on its first use, not by every test file importing the kit. */
let jose: Promise<typeof import('./jose-jwt.js')> | undefined;
const loadJose = () => (jose ??= import('./jose-jwt.js'));
