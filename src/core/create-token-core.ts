import { createRandom } from './create-random.js';
import { sha256Hex } from './sha256-hex.js';
import { tokenOutcomes, type TokenOutcomeName } from '../generated/outcomes.js';
import type { components } from '../generated/openapi.js';
import { isPlainObject } from './is-plain-object.js';

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
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const base64urlText = (text: string) => base64url(encoder.encode(text));

/**
 * The Token Authentication API (spec operation generateToken; docs/vendor-api.md#token-authentication-api): signature =
 * sha256(accessKey + secretKey + timestamp), timestamp within 300 s, a JWT (HS512) valid for periodSecond.
 * Isomorphic, like the enroll core.
 */
export function createTokenCore(options: TokenCoreOptions = {}): TokenCore {
  const keys = options.keys ?? DEFAULT_KEYS;
  const now = options.now ?? (() => Date.now());
  const random = createRandom(options.seed);
  const signingKey = options.signingKey ?? Array.from({ length: 4 }, () => random.transactionId()).join('');
  const hmacKey = crypto.subtle.importKey('raw', encoder.encode(signingKey), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
  const sign = async (input: string) => base64url(new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey, encoder.encode(input))));

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
    const header = base64urlText(JSON.stringify({ alg: 'HS512' }));
    const claims = base64urlText(
      JSON.stringify({
        iss: 'face-enroll-mock',
        sub: pair.accessKey,
        aud: 'advance-openapi',
        iat: Math.floor(issued / 1000),
        exp: Math.floor(expiredTime / 1000),
      }),
    );
    const token = `${header}.${claims}.${await sign(`${header}.${claims}`)}`;
    return finish('SUCCESS', `token for ${pair.accessKey}, ${period} s`, { token, expiredTime });
  };

  return {
    async decide(bodyText) {
      let body: unknown;
      try {
        body = JSON.parse(bodyText);
      } catch {
        return finish('CLIENT_ERROR', 'the body is not JSON');
      }
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
      const stamp = String(timestamp);
      if (!/^\d{13}$/.test(stamp) || Math.abs(now() - Number(stamp)) > MAX_SKEW_MS) {
        return finish('PARAMETER_ERROR_TIMESTAMP', `timestamp ${stamp} is not 13 digits within 300 s of ${now()}`);
      }
      const pair = keys.find((k) => k.accessKey === accessKey);
      if (
        !pair ||
        typeof signature !== 'string' ||
        (await sha256Hex(encoder.encode(pair.accessKey + pair.secretKey + stamp))) !== signature
      ) {
        return finish('PARAMETER_ERROR_SIGNATURE', pair ? 'the signature does not match' : `unknown accessKey ${String(accessKey)}`);
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
      const [header, claims, signature, extra] = token.split('.');
      if (!header || !claims || !signature || extra !== undefined) return false;
      if ((await sign(`${header}.${claims}`)) !== signature) return false;
      try {
        const { exp } = JSON.parse(atob(claims.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
        return typeof exp === 'number' && exp * 1000 > now();
      } catch {
        return false;
      }
    },
  };
}
