import { createEnrollClient } from '../client/create-enroll-client.js';
import { deleteEnrollPath, tokenPath } from '../generated/outcomes.js';
import { tokenOutcomes } from '../generated/outcomes.js';
import type { CaseResult, ContractCase } from './contract-case.js';
import { ContractConfigError } from './contract-config-error.js';
import { contractOperations } from './contract-operations.js';
import { judgeAnswer } from './judge-answer.js';
import { materializeCase, type CaseImages } from './materialize-case.js';

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
  /** Per-request timeout. Default 60 s (a URL case makes the target download). */
  timeoutMs?: number;
  /**
   * Ends an authentication for the cases whose `given` completes one (mock targets only). Default: the mock
   * server's `POST /__admin/authentications/{signatureId}/complete`; an MSW target passes its completeAuthentication.
   */
  complete?: (signatureId: string, completion: { result: 'PASS' | 'FAIL' | 'INCOMPLETE'; reason?: string }) => Promise<void>;
}

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
  const timeoutMs = options.timeoutMs ?? 60_000;
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
    const client = createEnrollClient({ baseUrl, ...options.credentials, fetch: fetchImpl });
    const hint = options.credentialsHint ?? 'the access key and secret key';
    let got;
    try {
      got = await client.token();
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new ContractConfigError(`cannot reach ${baseUrl}${tokenPath}: ${cause}. Check the base URL.`);
    }
    if (got.failure) {
      const what =
        got.failure.kind === 'network' ? `no answer (${got.failure.message})` : `HTTP ${got.failure.status} without a token envelope`;
      throw new ContractConfigError(
        `the token request to ${baseUrl}${tokenPath} got ${what}. Check the base URL (it must be the API's root).`,
      );
    }
    if (got.error) {
      throw new ContractConfigError(
        `the token request was refused: ${got.error.code} ${String(got.error.message)} (HTTP ${got.response.status}, ${baseUrl}${tokenPath}). Check ${hint}.`,
      );
    }
    token = got.data.token;
    // The client took the token from a SUCCESS envelope whose data it checked (token, expiredTime).
    const expected = { status: 200, code: 'SUCCESS', message: tokenOutcomes.SUCCESS.message };
    const status = got.response?.status ?? 0;
    done({
      id: TOKEN_CASE_ID,
      name: 'issues a token through the token flow',
      status: status === 200 ? 'pass' : 'fail',
      ...(status === 200 ? {} : { kind: 'status-drift' as const, reason: `HTTP ${status} for a SUCCESS token` }),
      expected,
      got: { status, code: 'SUCCESS' },
      ms: Date.now() - started,
    });
  }

  /** One POST to the target: the status and the parsed body, or why there is none (a case's failure). */
  const send = async (
    path: string,
    request: { headers: Record<string, string>; bodyText: string },
    expectedCode: string,
    caseId: string,
  ): Promise<{ status: number; body: unknown } | { fail: Pick<CaseResult, 'kind' | 'reason' | 'got'> }> => {
    let status: number;
    let text: string;
    try {
      const response = await fetchImpl(baseUrl + path, {
        method: 'POST',
        headers: request.headers,
        body: request.bodyText,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      return { fail: { kind: 'transport', reason: `no answer: ${cause}` } };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return {
        fail: { kind: 'schema', reason: `the answer is not JSON: HTTP ${status} ${JSON.stringify(text.slice(0, 80))}`, got: { status } },
      };
    }
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
    return { status, body };
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
  const runGiven = async (scenario: ContractCase): Promise<{ saved: Record<string, string> } | { skip: string } | { fail: string }> => {
    const saved: Record<string, string> = {};
    for (const step of scenario.given ?? []) {
      if ('complete' in step) {
        try {
          await complete(saved.signatureId ?? '', step.complete);
        } catch (error) {
          return { fail: `the given completion of ${saved.signatureId} failed: ${(error as Error).message}` };
        }
        continue;
      }
      const [operation, body] = 'enroll' in step ? (['enroll', step.enroll] as const) : (['generate-url', step.generate] as const);
      const request = await materializeCase(
        { request: { body } },
        { images: options.images, userPrefix: options.userPrefix, token },
        saved,
      );
      if ('skip' in request) return { skip: `a given ${operation}: ${request.skip}` };
      const answer = await send(contractOperations[operation].path, request, 'SUCCESS', scenario.id);
      if ('fail' in answer) return { fail: `the given ${operation} got ${answer.fail.reason}` };
      const { code, message, data } = (answer.body ?? {}) as { code?: unknown; message?: unknown; data?: { signatureId?: unknown } };
      if (code !== 'SUCCESS')
        return { fail: `the given ${operation} answered HTTP ${answer.status} ${String(code)} "${String(message)}", not SUCCESS` };
      if (operation === 'enroll' && request.userId) enrolledUserIds.push(request.userId);
      if (typeof data?.signatureId === 'string') saved.signatureId = data.signatureId;
    }
    return { saved };
  };

  for (const scenario of options.cases) {
    const started = Date.now();
    const expected = { status: scenario.expect.status, code: scenario.expect.code, message: scenario.expect.message };
    const base = { id: scenario.id, name: scenario.name, expected };
    const mockOnly = options.mode === 'real' ? mockOnlyReason(scenario) : null;
    if (mockOnly) {
      done({ ...base, status: 'skip', kind: 'skipped', reason: mockOnly, ms: 0 });
      continue;
    }
    const given = await runGiven(scenario);
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
    const operation = scenario.operation ?? 'enroll';
    const answer = await send(contractOperations[operation].path, request, scenario.expect.code, scenario.id);
    if ('fail' in answer) {
      done({ ...base, status: 'fail', ...answer.fail, ms: Date.now() - started });
      continue;
    }
    const { status, body } = answer;
    const { code, message } = (body ?? {}) as { code?: unknown; message?: unknown };
    if (code === 'SUCCESS' && request.userId && operation === 'enroll') enrolledUserIds.push(request.userId);
    // A delete-enroll case that succeeded already removed its user: the clean-up need not ask again.
    if (code === 'SUCCESS' && request.userId && operation === 'delete-enroll') deletedByCases.add(request.userId);
    done({
      ...base,
      ...judgeAnswer(scenario.expect, { status, body }, operation),
      got: { status, ...(typeof code === 'string' ? { code } : {}), ...(typeof message === 'string' ? { message } : {}) },
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
