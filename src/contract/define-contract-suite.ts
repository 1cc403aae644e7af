import { afterAll, beforeAll, describe, it } from 'vitest';
import type { CaseResult, ContractReport } from './contract-case.js';
import { totalsOf } from './contract-case.js';
import { loadContractCases } from './load-contract-cases.js';
import { TOKEN_CASE_ID, type ContractCredentials } from './run-cases.js';
import { matchesOnly, runContract, type ContractOptions } from './run-contract.js';
import { writeReports, type ReportFiles } from './write-reports.js';

export interface ContractSuiteTarget extends Omit<ContractOptions, 'onResult'> {
  /** The describe block's name: `contract: NAME`. */
  name: string;
  /** Skip every case with this reason (say which variables to set); the suite never passes silently without it. */
  skip?: string | null;
  /** Sets the target up before the cases (starts a server): its base URL and credentials replace the options'. */
  start?: () => Promise<{ baseUrl: string; credentials: ContractCredentials; fetch?: typeof fetch }>;
  stop?: () => Promise<void>;
  /** Report files written after the run. */
  reports?: ReportFiles;
  /** Per-case timeout, ms. Default 120 000 (a case waits for the ones before it). */
  timeoutMs?: number;
}

/**
 * The contract as a vitest suite, one test a case: the same engine as `face-enroll-mock contract` (runContract),
 * so a team's own vitest run checks its target the way the command does. A failed case fails its test, a skip
 * skips it with the reason, a warning (message drift) passes with an annotation. A configuration error (a refused
 * token request) fails every test with the message.
 */
export function defineContractSuite(target: ContractSuiteTarget): void {
  const cases = (target.cases ?? loadContractCases()).filter((c) => target.only === undefined || matchesOnly(c, target.only));
  const ids = [TOKEN_CASE_ID, ...cases.map((c) => c.id)];
  const pending = new Map(ids.map((id) => [id, deferred<CaseResult>()]));
  let run: Promise<ContractReport> | undefined;

  describe(`contract: ${target.name}`, () => {
    beforeAll(async () => {
      if (target.skip) return;
      const started = target.start ? await target.start() : undefined;
      const { name: _name, skip: _skip, start: _start, stop: _stop, reports: _reports, timeoutMs: _timeout, ...options } = target;
      run = runContract({
        ...options,
        ...started,
        cases,
        onResult: (result) => pending.get(result.id)?.resolve(result),
      });
      run.catch((error: Error) => {
        for (const deferred of pending.values()) deferred.reject(error);
      });
    }, 60_000);

    afterAll(async () => {
      const report = await run?.catch(() => undefined);
      await target.stop?.();
      if (report && target.reports) writeReports({ ...report, totals: totalsOf(report.results) }, target.reports);
    });

    for (const id of ids) {
      const scenario = cases.find((c) => c.id === id);
      it(
        scenario ? `${id}: ${scenario.name}` : `${id}: issues a token through the token flow`,
        async (ctx) => {
          if (target.skip) return ctx.skip(target.skip);
          const result = await pending.get(id)!.promise;
          if (result.status === 'skip') return ctx.skip(result.reason);
          if (result.status === 'fail') throw new Error(`${result.kind}: ${result.reason}`);
          if (result.reason) await ctx.annotate(result.reason, result.status === 'warn' ? 'warning' : 'notice');
        },
        target.timeoutMs ?? 120_000,
      );
    }
  });
}

/** Promise.withResolvers, which Node 20 lacks. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  // A rejection nobody awaits yet (a skipped case's) must not crash the run.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
