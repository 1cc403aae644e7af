import createClient from 'openapi-fetch';
import type { paths } from '../generated/openapi.js';
import type { EnrollResponse } from '../core/render-envelope.js';
import type { TokenResponse } from '../core/create-token-core.js';
import { sha256Hex } from '../core/sha256-hex.js';

export interface EnrollClientOptions {
  /** `https://sg-api.advance.ai`, or a mock's URL. */
  baseUrl: string;
  /** Keys for generate-token; the client fetches and caches the token and renews it before it expires. */
  accessKey?: string;
  secretKey?: string;
  /** A ready token instead of keys (never renewed). */
  accessToken?: string;
  /** Seconds of validity to ask for (60..86400). Default 3600. */
  periodSecond?: number;
  /** Renew this many ms before expiry. Default 60 000. */
  renewBeforeMs?: number;
  /** Injected fetch (tests, proxies). Default: globalThis.fetch. */
  fetch?: typeof fetch;
  now?: () => number;
}

export type EnrollBody =
  paths['/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/enroll']['post']['requestBody']['content']['application/json'];

/** A business outcome is a value, never an exception: `data` for SUCCESS, `error` for every other code. */
export type ClientResult<T extends { code: string }> =
  { data: T; error?: undefined; response: Response } | { data?: undefined; error: T; response: Response };

export interface EnrollClient {
  enroll(body: EnrollBody, init?: { headers?: Record<string, string> }): Promise<ClientResult<EnrollResponse>>;
  /** The current token, fetched or renewed as needed. */
  token(): Promise<ClientResult<TokenResponse>>;
}

/**
 * A small typed client for Save Enroll (openapi-fetch over the generated types), with the vendor's token flow
 * (docs/vendor-api.md#token-authentication-api). Throws only for misuse (no keys and no token) and for network failures.
 */
export function createEnrollClient(options: EnrollClientOptions): EnrollClient {
  if (!options.accessToken && !(options.accessKey && options.secretKey)) {
    throw new Error('createEnrollClient: pass accessKey and secretKey (the client gets tokens itself) or a ready accessToken.');
  }
  const api = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/$/, ''), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const now = options.now ?? (() => Date.now());
  let cached: { token: string; expiredTime: number } | undefined;

  const split = <T extends { code: string }>(body: T, response: Response): ClientResult<T> =>
    body.code === 'SUCCESS' ? { data: body, response } : { error: body, response };

  async function token(): Promise<ClientResult<TokenResponse>> {
    if (cached && cached.expiredTime - (options.renewBeforeMs ?? 60_000) > now()) {
      return { data: { code: 'SUCCESS', message: 'OK', data: cached, extra: null, transactionId: 'cached' }, response: new Response(null) };
    }
    const timestamp = String(now());
    const signature = await sha256Hex(new TextEncoder().encode(`${options.accessKey}${options.secretKey}${timestamp}`));
    const { data, error, response } = await api.POST('/openapi/auth/ticket/v1/generate-token', {
      body: { accessKey: options.accessKey!, timestamp, signature, periodSecond: options.periodSecond ?? 3600 },
    });
    const body = (data ?? error) as TokenResponse;
    if (body.code === 'SUCCESS' && body.data) cached = body.data;
    return split(body, response);
  }

  return {
    token,
    async enroll(body, init = {}) {
      let accessToken = options.accessToken;
      if (!accessToken) {
        const got = await token();
        if (got.error) return { error: { ...got.error, data: null, pricingStrategy: 'FREE' } as EnrollResponse, response: got.response };
        accessToken = got.data.data!.token;
      }
      const { data, error, response } = await api.POST('/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/enroll', {
        body,
        headers: { 'X-ACCESS-TOKEN': accessToken, ...init.headers },
      });
      return split((data ?? error) as EnrollResponse, response);
    },
  };
}
