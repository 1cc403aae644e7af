import { constantTimeEqual } from './constant-time-equal.js';
import { createRandom } from './create-random.js';
import { sha256Hex } from './sha256-hex.js';
import { tokenOutcomes, type TokenOutcomeName } from '../generated/outcomes.js';
import type { components } from '../generated/openapi.js';
import { isPlainObject } from './is-plain-object.js';
import { keptText } from './kept-text.js';
import { parseBoundedJson } from './parse-bounded-json.js';

export type TokenResponse = components['schemas']['TokenResponse'];

export interface AccessKeyPair {
  accessKey: string;
  secretKey: string;
  /** The account is disabled: its valid requests answer ACCOUNT_DISABLED. */
  disabled?: boolean;
}

/** The test pair every adapter accepts unless told otherwise (README, "Tokens"). */
export const DEFAULT_KEYS: readonly AccessKeyPair[] = [{ accessKey: 'test-access-key', secretKey: 'test-secret-key' }];

export interface TokenCoreOptions {
  keys?: readonly AccessKeyPair[];
  seed?: number;
  /** Mixed into transaction ids (replicas sharing a store with the same seed). */
  replicaId?: string;
  /** Epoch milliseconds; tests pin it. */
  now?: () => number;
  /** HMAC key the mock signs its tokens with. Default: random per instance, so only this mock's tokens verify. */
  signingKey?: string;
}

export interface TokenDecision {
  outcome: TokenOutcomeName;
  status: number;
  envelope: TokenResponse;
  detail: string;
}

export interface TokenCore {
  decide(bodyText: string): Promise<TokenDecision>;
  /**
   * The named example whatever the request (the MSW helper tokenOutcome). SUCCESS issues a real token for the
   * first key pair, valid for an hour, so it verifies like any other.
   */
  outcome(name: TokenOutcomeName): Promise<TokenDecision>;
  /** True for a token this instance issued that has not expired. */
  verify(token: string): Promise<boolean>;
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
 * The Token Authentication API (spec operation generateToken; docs/vendor-api.md#token-authentication-api): signature =
 * sha256(accessKey + secretKey + timestamp), timestamp within 300 s, a JWT (HS512, signed and verified by
 * jose) valid for periodSecond. Isomorphic, like the enroll core.
 */
export function createTokenCore(options: TokenCoreOptions = {}): TokenCore {
  const keys = options.keys ?? DEFAULT_KEYS;
  const now = options.now ?? (() => Date.now());
  const random = createRandom(options.seed, options.replicaId);
  const signingKey = options.signingKey ?? Array.from({ length: 4 }, () => random.transactionId()).join('');
  const secret = encoder.encode(signingKey);

  const finish = (outcome: TokenOutcomeName, detail: string, data: TokenResponse['data'] = null): TokenDecision => ({
    outcome,
    status: tokenOutcomes[outcome].status,
    envelope: {
      code: tokenOutcomes[outcome].code,
      message: tokenOutcomes[outcome].message,
      data,
      extra: null,
      transactionId: random.transactionId(),
    },
    detail,
  });

  const issue = async (pair: AccessKeyPair, period: number): Promise<TokenDecision> => {
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
    return finish('SUCCESS', `token for ${pair.accessKey}, ${period} s`, { token, expiredTime });
  };

  return {
    async decide(bodyText) {
      const parsed = parseBoundedJson(bodyText);
      if (!parsed.ok) return finish('CLIENT_ERROR', parsed.bounded ? parsed.detail : 'the body is not JSON');
      const body = parsed.value;
      if (!isPlainObject(body)) return finish('CLIENT_ERROR', 'the body is not a JSON object');
      const field = (key: string) => (Object.hasOwn(body, key) ? body[key] : undefined);
      const accessKey = field('accessKey');
      const timestamp = field('timestamp');
      const signature = field('signature');
      for (const [name, value] of [
        ['accessKey', accessKey],
        ['timestamp', timestamp],
        ['signature', signature],
      ] as const) {
        if (value === undefined || value === null || value === '') return finish('PARAMETER_ERROR_EMPTY', `${name} is missing or empty`);
      }
      const stamp = timestampText(timestamp);
      if (stamp === null || Math.abs(now() - Number(stamp)) > MAX_SKEW_MS) {
        return finish('PARAMETER_ERROR_TIMESTAMP', `timestamp ${describe(timestamp)} is not 13 digits within 300 s of ${now()}`);
      }
      if (typeof accessKey !== 'string') return finish('PARAMETER_ERROR_SIGNATURE', `accessKey is ${describe(accessKey)}, not a string`);
      if (typeof signature !== 'string') return finish('PARAMETER_ERROR_SIGNATURE', `signature is ${describe(signature)}, not a string`);
      const pair = keys.find((k) => k.accessKey === accessKey);
      if (!pair) return finish('PARAMETER_ERROR_SIGNATURE', `unknown accessKey ${describe(accessKey)}`);
      const expected = await sha256Hex(encoder.encode(pair.accessKey + pair.secretKey + stamp));
      if (!constantTimeEqual(encoder.encode(expected), encoder.encode(signature))) {
        return finish('PARAMETER_ERROR_SIGNATURE', 'the signature does not match');
      }
      if (pair.disabled) return finish('ACCOUNT_DISABLED', `account ${pair.accessKey} is disabled`);
      const requested = field('periodSecond');
      // Out-of-range periods are brought into 60..86400 rather than refused: the vendor documents the range
      // but no message for leaving it.
      const period =
        typeof requested === 'number' && Number.isFinite(requested) ? Math.min(86_400, Math.max(60, Math.floor(requested))) : 3600;
      return issue(pair, period);
    },
    async outcome(name) {
      if (name === 'SUCCESS') return issue(keys[0] ?? DEFAULT_KEYS[0]!, 3600);
      return finish(name, `${name} forced (tokenOutcome)`);
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
  };
}

/** JWT signing is for the token flow only: loaded on its first use, not by every test file importing the kit. */
let jose: Promise<typeof import('./jose-jwt.js')> | undefined;
const loadJose = () => (jose ??= import('./jose-jwt.js'));
