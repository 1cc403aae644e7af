import { createEnrollClient } from '../client/create-enroll-client.js';
import { deleteEnrollPath, tokenPath } from '../generated/outcomes.js';
import { tokenOutcomes } from '../generated/outcomes.js';
import type { CaseResult, ContractCase } from './contract-case.js';
import { ContractConfigError } from './contract-config-error.js';
import { contractOperations } from './contract-operations.js';
import { judgeText, type Judgement } from './judge-answer.js';
import { materializeCase, type CaseImages } from './materialize-case.js';
import { receivedAnswer } from './received-answer.js';
import { runGiven, type GivenTarget } from './run-given.js';

/** A key pair for the token flow (docs/vendor-api.md#token-authentication-api), or a ready token. */
export type ContractCredentials = { accessKey: string; secretKey: string } | { accessToken: string };

export interface RunCasesOptions {
  baseUrl: string;
  /** `mock`: the kit's own server, every case runs. `real`: cases only a mock can produce are skipped. */
  mode: 'mock' | 'real';
  credentials: ContractCredentials;
  cases: readonly ContractCase[];
  images: CaseImages;
  userPrefix: string;
  fetch?: typeof fetch;
  /** Called as each case ends (progress lines, vitest's tests). */
  onResult?: (result: CaseResult) => void;
  /** How the credentials were given, for the message of a refused token request. */
  credentialsHint?: string;
  /** Per-request timeout (`--timeout`). Default DEFAULT_TIMEOUT_MS; a case without an answer by then fails as `timeout`. */
  timeoutMs?: number;
  /**
   * Ends an authentication for the cases whose `given` completes one (mock targets only). Default: the mock
   * server's `POST /__admin/authentications/{signatureId}/complete`; an MSW target passes its completeAuthentication.
   */
  complete?: (signatureId: string, completion: { result: 'PASS' | 'FAIL' | 'INCOMPLETE'; reason?: string }) => Promise<void>;
}

/** The default per-request timeout: a URL case makes the target download, well under a minute (docs/reliability.md). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The id of the token-flow case in every report. */
export const TOKEN_CASE_ID = '00-generate-token';

/** Why a case cannot run against a real API, or null. */
export function mockOnlyReason(scenario: ContractCase): string | null {
  if (scenario.trigger === 'rule')
    return `mock-only: forced by a fixture rule${scenario.note ? ` (${scenario.note})` : ''}, which a real API does not have`;
  if (scenario.trigger === 'prefer') return 'mock-only: forced by a Prefer header, a mock convention a real API ignores';
  if (scenario.expect.outcome === 'CLIENT_ERROR') return "mock-only: CLIENT_ERROR answers the mock's Prefer convention";
  if (scenario.given?.some((step) => 'complete' in step))
    return "mock-only: the authentication is completed through the mock's admin API (on a real account a person completes the H5 page)";
  return null;
}

/**
 * The engine: gets a token (a refused one is a configuration error naming the vendor's code and message), then
 * sends every case and judges every answer (judge-answer.ts). Web APIs only, so it runs wherever fetch does.
 */
export async function runCases(
  options: RunCasesOptions,
): Promise<{ results: CaseResult[]; enrolledUserIds: string[]; removedUserIds: string[] }> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timedOut = (error: unknown) =>
    (error as Error)?.name === 'TimeoutError' || (error as Error & { cause?: Error })?.cause?.name === 'TimeoutError';
  const noAnswerWithin = `no answer within ${timeoutMs} ms (--timeout)`;
  // What the JSON report must never carry: the run's token and keys (received-answer.ts).
  const secrets: string[] = Object.values(options.credentials);
  const results: CaseResult[] = [];
  const done = (result: CaseResult) => (results.push(result), options.onResult?.(result));
  const enrolledUserIds: string[] = [];
  const deletedByCases = new Set<string>();

  // Build the generated images (seconds of CPU for the 2 MB JPEG) before any connection is open: built in the
  // middle of the run, they stall the event loop past the target's keep-alive timeout and the next request
  // goes out on a socket the target has closed (EPIPE).
  for (const scenario of options.cases) {
    if (options.mode === 'real' && mockOnlyReason(scenario)) continue;
    for (const m of JSON.stringify(scenario.request.body ?? null).matchAll(/"\$generated":"([^"]+)"|"\$imageUrl":"\/generated\/([^"]+)"/g))
      await options.images.bytes({ generated: (m[1] ?? m[2])! });
  }

  let token: string;
  let tokenConfirmed = !('accessToken' in options.credentials);
  if ('accessToken' in options.credentials) {
    token = options.credentials.accessToken;
    done({
      id: TOKEN_CASE_ID,
      name: 'issues a token through the token flow',
      status: 'skip',
      kind: 'skipped',
      reason: 'a ready access token was given: the token flow is not exercised',
      ms: 0,
    });
  } else {
    const started = Date.now();
    // The token answer as it came, for the judge: the client reads only the envelope's fields it needs.
    let tokenAnswer: { status: number; headers: Headers; text: string } | undefined;
    const tokenFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetchImpl(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      tokenAnswer = { status: response.status, headers: response.headers, text: await response.clone().text() };
      return response;
    }) as typeof fetch;
    const client = createEnrollClient({ baseUrl, ...options.credentials, fetch: tokenFetch });
    const hint = options.credentialsHint ?? 'the access key and secret key';
    let got;
    try {
      got = await client.token();
    } catch (error) {
      const cause = timedOut(error) ? noAnswerWithin : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
      throw new ContractConfigError(`cannot reach ${baseUrl}${tokenPath}: ${cause}. Check the base URL.`);
    }
    if (got.failure?.kind === 'network') {
      const why = timedOut(got.failure.cause) ? noAnswerWithin : `no answer (${got.failure.message})`;
      throw new ContractConfigError(
        `the token request to ${baseUrl}${tokenPath} got ${why}. Check the base URL (it must be the API's root).`,
      );
    }
    if (got.error) {
      throw new ContractConfigError(
        `the token request was refused: ${got.error.code} ${String(got.error.message)} (HTTP ${got.response.status}, ${baseUrl}${tokenPath}). Check ${hint}.`,
      );
    }
    // A SUCCESS envelope is the API's: judged like every answer, so a renamed data.token is drift of this case
    // (exit 1), not a wrong base URL. Anything else (an HTML page, another JSON) is not the API.
    const successEnvelope = tokenAnswer && (parseJson(tokenAnswer.text) as { code?: unknown } | undefined)?.code === 'SUCCESS';
    if (got.failure || !tokenAnswer) {
      if (!successEnvelope || !tokenAnswer) {
        const what =
          got.failure?.kind === 'malformed'
            ? `HTTP ${got.failure.status}, a cut-off JSON body`
            : `HTTP ${got.failure?.status} without a token envelope`;
        throw new ContractConfigError(
          `the token request to ${baseUrl}${tokenPath} got ${what}. Check the base URL (it must be the API's root).`,
        );
      }
    }
    const expected = { outcome: 'SUCCESS', status: 200, code: 'SUCCESS', message: tokenOutcomes.SUCCESS.message };
    const judged = judgeText(expected, tokenAnswer, 'token');
    done({
      id: TOKEN_CASE_ID,
      name: 'issues a token through the token flow',
      operation: 'token',
      ...judged,
      expected: { status: expected.status, code: expected.code, message: expected.message },
      got: gotOf(tokenAnswer),
      ...(judged.status === 'pass' && !judged.kind ? {} : { received: await receivedAnswer(tokenAnswer, secrets) }),
      ms: Date.now() - started,
    });
    if (got.failure) {
      const reason = `no token: the generate-token answer broke its schema (${TOKEN_CASE_ID}), so this case was not sent`;
      for (const scenario of options.cases) done({ id: scenario.id, name: scenario.name, status: 'skip', kind: 'skipped', reason, ms: 0 });
      return { results, enrolledUserIds: [], removedUserIds: [] };
    }
    token = got.data.token;
    secrets.push(token);
  }

  /** One POST to the target: the status and the parsed body, or why there is none (a case's failure). */
  const send = async (
    path: string,
    request: { headers: Record<string, string>; bodyText: string },
    expectedCode: string,
    caseId: string,
  ): Promise<{ status: number; headers: Headers; text: string; body: unknown } | { fail: Pick<CaseResult, 'kind' | 'reason' | 'got'> }> => {
    let status: number;
    let text: string;
    let headers: Headers;
    try {
      const response = await fetchImpl(baseUrl + path, {
        method: 'POST',
        headers: request.headers,
        body: request.bodyText,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      headers = response.headers;
      text = await response.text();
    } catch (error) {
      if (timedOut(error)) return { fail: { kind: 'timeout', reason: noAnswerWithin } };
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      return { fail: { kind: 'transport', reason: `no answer: ${cause}` } };
    }
    const body = parseJson(text);
    const { code, message } = (body ?? {}) as { code?: unknown; message?: unknown };
    // A ready token is never checked by a token request: the first request that sends it tells whether it works.
    const sentToken = Object.entries(request.headers).some(([k, v]) => k.toLowerCase() === 'x-access-token' && v === token);
    if (!tokenConfirmed && sentToken) {
      if (code === 'IAM_FAILED' && expectedCode !== 'IAM_FAILED')
        throw new ContractConfigError(
          `the target refused the access token: IAM_FAILED ${String(message)} (HTTP ${status}, ${caseId}). Check ${options.credentialsHint ?? 'the access token'} (tokens expire).`,
        );
      tokenConfirmed = true;
    }
    return { status, headers, text, body };
  };
  const complete =
    options.complete ??
    (async (signatureId: string, completion: { result: string; reason?: string }) => {
      const response = await fetchImpl(`${baseUrl}/__admin/authentications/${encodeURIComponent(signatureId)}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(completion),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status !== 200) throw new Error(`HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
    });

  /** A case's given steps (the journey's): the state its request needs, through the same target. */
  const givenTarget = (caseId: string): GivenTarget => ({
    async send(operation, body, saved) {
      const request = await materializeCase(
        { request: { body } },
        { images: options.images, userPrefix: options.userPrefix, token },
        saved,
      );
      if ('skip' in request) return request;
      const answer = await send(contractOperations[operation].path, request, 'SUCCESS', caseId);
      if ('fail' in answer) return { fail: String(answer.fail.reason) };
      const { code } = (answer.body ?? {}) as { code?: unknown };
      if (code === 'SUCCESS' && operation === 'enroll' && request.userId) enrolledUserIds.push(request.userId);
      return { status: answer.status, body: answer.body };
    },
    complete,
  });

  for (const scenario of options.cases) {
    const started = Date.now();
    const expected = { status: scenario.expect.status, code: scenario.expect.code, message: scenario.expect.message };
    const base = { id: scenario.id, name: scenario.name, operation: scenario.operation ?? ('enroll' as const), expected };
    const mockOnly = options.mode === 'real' ? mockOnlyReason(scenario) : null;
    if (mockOnly) {
      done({ ...base, status: 'skip', kind: 'skipped', reason: mockOnly, ms: 0 });
      continue;
    }
    const given = await runGiven(scenario.given, givenTarget(scenario.id));
    if ('skip' in given) {
      done({ ...base, status: 'skip', kind: 'skipped', reason: given.skip, ms: 0 });
      continue;
    }
    if ('fail' in given) {
      done({ ...base, status: 'fail', kind: 'setup', reason: given.fail, ms: Date.now() - started });
      continue;
    }
    const request = await materializeCase(scenario, { images: options.images, userPrefix: options.userPrefix, token }, given.saved);
    if ('skip' in request) {
      done({ ...base, status: 'skip', kind: 'skipped', reason: request.skip, ms: 0 });
      continue;
    }
    const { operation } = base;
    const answer = await send(contractOperations[operation].path, request, scenario.expect.code, scenario.id);
    if ('fail' in answer) {
      done({ ...base, status: 'fail', ...answer.fail, ms: Date.now() - started });
      continue;
    }
    const { code } = (answer.body ?? {}) as { code?: unknown };
    if (code === 'SUCCESS' && request.userId && operation === 'enroll') enrolledUserIds.push(request.userId);
    // A delete-enroll case that succeeded already removed its user: the clean-up need not ask again.
    if (code === 'SUCCESS' && request.userId && operation === 'delete-enroll') deletedByCases.add(request.userId);
    const judged: Judgement = judgeText(scenario.expect, answer, operation);
    done({
      ...base,
      operation,
      ...judged,
      got: gotOf(answer),
      ...(judged.status === 'pass' && !judged.kind ? {} : { received: await receivedAnswer(answer, secrets) }),
      ms: Date.now() - started,
    });
  }
  // Clean up after the run (every userId starts with the run's prefix): delete-enroll each user it enrolled.
  const enrolled = [...new Set(enrolledUserIds)];
  const removedUserIds: string[] = [];
  for (const userId of enrolled) {
    if (deletedByCases.has(userId)) {
      removedUserIds.push(userId);
      continue;
    }
    try {
      const response = await fetchImpl(baseUrl + deleteEnrollPath, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-access-token': token },
        body: JSON.stringify({ userId }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const { code } = (await response.json()) as { code?: unknown };
      if (code === 'SUCCESS') removedUserIds.push(userId);
    } catch {
      // Reported below as not removed: the run's results stand either way.
    }
  }
  return { results, enrolledUserIds: enrolled, removedUserIds };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The status, code and message of an answer, as the reports show them. */
function gotOf(answer: { status: number; text: string }): NonNullable<CaseResult['got']> {
  const { code, message } = (parseJson(answer.text) ?? {}) as { code?: unknown; message?: unknown };
  return { status: answer.status, ...(typeof code === 'string' ? { code } : {}), ...(typeof message === 'string' ? { message } : {}) };
}
