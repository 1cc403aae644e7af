import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollClient, type EnrollClient } from '../../src/client/index.js';
import { outcomes } from '../../src/core/index.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { startImageServer, type ImageServer } from '../support/image-server.js';
import { loadScenarios, materialize, SCENARIO_TOKEN, type Scenario } from '../support/scenarios.js';
import { envelopeErrors } from '../support/validate-envelope.js';

export interface ContractTarget {
  name: string;
  /** Why the whole target is skipped (missing configuration), or null. */
  skip: string | null;
  /** Set up the target; returns its base URL and how to get tokens. */
  start(): Promise<{ baseUrl: string; accessKey?: string; secretKey?: string; accessToken?: string; fetch?: typeof fetch }>;
  stop(): Promise<void>;
  /** A mock can produce every case; a real API only the natural ones. */
  real: boolean;
}

type Verdict = 'pass' | 'fail' | 'drift' | 'skipped';
interface CaseResult {
  case: string;
  verdict: Verdict;
  why?: string;
}

/** Every (code, message) pair the spec documents for enroll: anything else is drift. */
const documented = new Set(Object.values(outcomes).map((o) => `${o.code}\u0000${o.message}`));

/** Why a case cannot run against this target, or null. */
function caseSkip(scenario: Scenario, target: ContractTarget): string | null {
  if (!target.real) return null;
  if (scenario.trigger !== 'natural') return `mock-only: forced by a ${scenario.trigger}, which a real API does not honour`;
  if (scenario.expect.outcome === 'CLIENT_ERROR') return 'mock-only: Prefer is a mock convention';
  if (scenario.request.body && JSON.stringify(scenario.request.body).includes('$imageUrl')) {
    return 'needs an image URL the real API can reach; the suite serves images on loopback only';
  }
  return null;
}

/**
 * The contract: the scenario table's cases and one set of assertions, run against a target. Writes
 * reports/contract/<target>.json and regenerates reports/contract-summary.md from every target's file.
 */
export function defineContractSuite(target: ContractTarget): void {
  const results: CaseResult[] = [];
  let client: EnrollClient;
  let baseUrl: string;
  let fetchImpl: typeof fetch;
  let images: ImageServer;

  describe(`contract: ${target.name}`, () => {
    beforeAll(async () => {
      if (target.skip) return;
      images = await startImageServer();
      const started = await target.start();
      baseUrl = started.baseUrl;
      fetchImpl = started.fetch ?? fetch;
      client = createEnrollClient({ ...started, fetch: fetchImpl });
    }, 60_000);

    afterAll(async () => {
      if (!target.skip) {
        await target.stop();
        await images.close();
      }
      writeReport(target.name, results);
    });

    it('issues a token through the token flow and reuses it until it is due for renewal', async (ctx) => {
      if (target.skip) return ctx.skip(target.skip);
      const first = await client.token();
      expect(first.data?.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const again = await client.token();
      expect(again.data?.token).toBe(first.data?.token);
    });

    for (const scenario of loadScenarios()) {
      const name = `${scenario.file}: ${scenario.name}`;
      it(name, async (ctx) => {
        if (target.skip) {
          results.push({ case: scenario.file, verdict: 'skipped', why: 'target not configured (see the test output)' });
          return ctx.skip(target.skip);
        }
        const skip = caseSkip(scenario, target);
        if (skip) {
          results.push({ case: scenario.file, verdict: 'skipped', why: skip });
          return ctx.skip(skip);
        }
        const request = materialize(scenario, images.url);
        let status: number;
        let body: Record<string, unknown>;
        if (!scenario.request.headers && scenario.request.bodyText === undefined) {
          // The common case goes through the typed client, token flow included.
          const result = await client.enroll(JSON.parse(request.bodyText));
          if (result.failure) {
            // No envelope at all (reset, gateway page, cut-off body): recorded, and failed by the schema check.
            status = result.failure.kind === 'network' ? 0 : result.failure.status;
            body = { transportFailure: result.failure.kind };
          } else {
            status = result.response.status;
            body = (result.data ?? result.error) as unknown as Record<string, unknown>;
          }
        } else {
          // Cases about headers (no token, a wrong content type, Prefer) or raw bodies send exactly those, with a
          // real token where the scenario names the placeholder one.
          const headers = { ...request.headers };
          for (const key of Object.keys(headers)) {
            if (key.toLowerCase() === 'x-access-token' && headers[key] === SCENARIO_TOKEN)
              headers[key] = (await client.token()).data!.token;
          }
          const response = await fetchImpl(baseUrl + enrollPath, { method: 'POST', headers, body: request.bodyText });
          status = response.status;
          body = (await response.json()) as Record<string, unknown>;
        }
        const schemaErrors = envelopeErrors(body);
        const isDocumented = documented.has(`${String(body.code)}\u0000${String(body.message)}`);
        const matches = status === scenario.expect.status && body.code === scenario.expect.code && body.message === scenario.expect.message;
        const verdict: Verdict = matches && !schemaErrors.length ? 'pass' : !schemaErrors.length && !isDocumented ? 'drift' : 'fail';
        results.push({
          case: scenario.file,
          verdict,
          ...(verdict === 'pass'
            ? {}
            : {
                why: `got ${status} ${String(body.code)} "${String(body.message)}"${schemaErrors.length ? `; schema: ${schemaErrors.join(', ')}` : ''}`,
              }),
        });
        expect(schemaErrors, "the answer must fit the spec's EnrollResponse schema").toEqual([]);
        expect(isDocumented, `drift: ${String(body.code)} "${String(body.message)}" is not a documented code and message`).toBe(true);
        expect({ status, code: body.code, message: body.message }).toEqual({
          status: scenario.expect.status,
          code: scenario.expect.code,
          message: scenario.expect.message,
        });
      });
    }
  });
}

function writeReport(target: string, results: CaseResult[]): void {
  mkdirSync('reports/contract', { recursive: true });
  writeFileSync(`reports/contract/${target}.json`, JSON.stringify(results, null, 2));
  const byTarget = Object.fromEntries(
    readdirSync('reports/contract')
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(`reports/contract/${f}`, 'utf8')) as CaseResult[]]),
  );
  const targets = Object.keys(byTarget).sort();
  const cases = [...new Set(targets.flatMap((t) => byTarget[t]!.map((r) => r.case)))].sort();
  const cell = (r: CaseResult | undefined) =>
    !r ? '' : r.verdict === 'pass' ? 'pass' : `${r.verdict}${r.why ? `: ${r.why.replace(/\|/g, '\\|')}` : ''}`;
  const lines = [
    '# Contract suite',
    '',
    `| case | ${targets.join(' | ')} |`,
    `|---|${targets.map(() => '---').join('|')}|`,
    ...cases.map((c) => `| ${c} | ${targets.map((t) => cell(byTarget[t]!.find((r) => r.case === c))).join(' | ')} |`),
    '',
    ...targets.map((t) => {
      const count = (v: Verdict) => byTarget[t]!.filter((r) => r.verdict === v).length;
      return `- ${t}: ${count('pass')} pass, ${count('fail')} fail, ${count('drift')} drift, ${count('skipped')} skipped`;
    }),
    '',
  ];
  writeFileSync('reports/contract-summary.md', lines.join('\n'));
}
