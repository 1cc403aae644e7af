import createClient from 'openapi-fetch';
import type { paths } from '../generated/openapi.js';
import type { EnrollResponse } from '../core/envelope/render-envelope.js';
import type { TokenResponse } from '../core/token/create-token-core.js';
import { sha256Hex } from '../core/crypto/sha256-hex.js';

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

/**
 * The request got no answer of the API's shape: a value, like a business error, never an exception.
 * - `network`: no answer at all (connection reset or refused, DNS failure, aborted).
 * - `gateway`: an answer that is not the API's JSON envelope, e.g. the gateway's 502 or 504 HTML page.
 * - `malformed`: a JSON answer that does not parse (cut off mid-body).
 */
export type TransportFailure =
  | { kind: 'network'; message: string; cause: unknown }
  | { kind: 'gateway'; status: number; contentType: string | null; body: string }
  | { kind: 'malformed'; status: number; message: string; body: string };

/**
 * One call's result, a discriminated union: `data` for SUCCESS, `error` for every other business code (an
 * envelope with `code` and `message`), `failure` when no envelope came back at all (TransportFailure).
 * `response` is the HTTP response when there was one.
 */
export type ClientResult<T, E = T, R = Response> =
  | { data: T; error?: undefined; failure?: undefined; response: R }
  | { data?: undefined; error: E; failure?: undefined; response: Response }
  | { data?: undefined; error?: undefined; failure: TransportFailure; response: Response | undefined };

/** A token the client holds: what generate-token's SUCCESS carries in its `data`. */
export interface AccessToken {
  token: string;
  /** When it expires, in ms since the epoch. */
  expiredTime: number;
}

export interface EnrollClient {
  /** Enrolls; a token error (from getting the token first) comes back as `error` too. */
  enroll(
    body: EnrollBody,
    init?: { headers?: Record<string, string> },
  ): Promise<ClientResult<EnrollResponse, EnrollResponse | TokenResponse>>;
  /** The current token (`data.token`), fetched or renewed as needed; `response` is undefined when it came from the cache. */
  token(): Promise<ClientResult<AccessToken, TokenResponse, Response | undefined>>;
}

/**
 * A small typed client for Save Enroll (openapi-fetch over the generated types), with the vendor's token flow
 * (docs/vendor-api.md#token-authentication-api). Throws only for misuse (no keys and no token): business errors
 * and transport failures are values.
 */
export function createEnrollClient(options: EnrollClientOptions): EnrollClient {
  if (!options.accessToken && !(options.accessKey && options.secretKey)) {
    throw new Error('createEnrollClient: pass accessKey and secretKey (the client gets tokens itself) or a ready accessToken.');
  }
  const api = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/$/, ''), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const now = options.now ?? (() => Date.now());
  let cached: AccessToken | undefined;

  async function token(): Promise<ClientResult<AccessToken, TokenResponse, Response | undefined>> {
    if (cached && cached.expiredTime - (options.renewBeforeMs ?? 60_000) > now()) return { data: cached, response: undefined };
    const timestamp = String(now());
    const signature = await sha256Hex(new TextEncoder().encode(`${options.accessKey}${options.secretKey}${timestamp}`));
    const answer = await read<TokenResponse>(() =>
      api.POST('/openapi/auth/ticket/v1/generate-token', {
        body: { accessKey: options.accessKey!, timestamp, signature, periodSecond: options.periodSecond ?? 3600 },
        parseAs: 'text',
      }),
    );
    if (!('envelope' in answer)) return answer;
    const { envelope, response } = answer;
    if (envelope.code !== 'SUCCESS') return { error: envelope, response };
    const issued = envelope.data;
    if (!issued || typeof issued.token !== 'string' || typeof issued.expiredTime !== 'number') {
      return {
        failure: {
          kind: 'gateway',
          status: response.status,
          contentType: response.headers.get('content-type'),
          body: JSON.stringify(envelope),
        },
        response,
      };
    }
    cached = { token: issued.token, expiredTime: issued.expiredTime };
    return { data: cached, response };
  }

  return {
    token,
    async enroll(body, init = {}) {
      let accessToken = options.accessToken;
      if (!accessToken) {
        const got = await token();
        if (got.failure) return got;
        if (got.error) return { error: got.error, response: got.response };
        accessToken = got.data.token;
      }
      const answer = await read<EnrollResponse>(() =>
        api.POST('/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/enroll', {
          body,
          headers: { 'X-ACCESS-TOKEN': accessToken, ...init.headers },
          parseAs: 'text',
        }),
      );
      if (!('envelope' in answer)) return answer;
      return answer.envelope.code === 'SUCCESS'
        ? { data: answer.envelope, response: answer.response }
        : { error: answer.envelope, response: answer.response };
    },
  };
}

type Read<T> = { envelope: T; response: Response } | { failure: TransportFailure; response: Response | undefined };

/**
 * Sends one request (openapi-fetch, asked for text so it parses nothing) and reads the API's envelope from
 * the answer, or says which transport failure it was.
 */
async function read<T extends { code: string; message: string }>(
  send: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<Read<T>> {
  let sent;
  try {
    sent = await send();
  } catch (cause) {
    return { failure: { kind: 'network', message: cause instanceof Error ? cause.message : String(cause), cause }, response: undefined };
  }
  const { response } = sent;
  // openapi-fetch hands a successful answer's text over as is, and an error answer's parsed when it could.
  const raw = sent.data ?? sent.error;
  const contentType = response.headers.get('content-type');
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      const json = contentType?.includes('json') || /^\s*[[{]/.test(raw);
      return json
        ? { failure: { kind: 'malformed', status: response.status, message: (error as Error).message, body: raw }, response }
        : { failure: { kind: 'gateway', status: response.status, contentType, body: raw }, response };
    }
  }
  if (isEnvelope(value)) return { envelope: value as T, response };
  return {
    failure: { kind: 'gateway', status: response.status, contentType, body: typeof raw === 'string' ? raw : JSON.stringify(raw) },
    response,
  };
}

function isEnvelope(value: unknown): value is { code: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
