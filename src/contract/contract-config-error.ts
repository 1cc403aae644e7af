import { totalsOf, type CaseResult, type ContractReport } from './contract-case.js';

/** A run that cannot start as configured (no credentials, a refused key pair, an unreachable target): exit 2, not a failed case. */
export class ContractConfigError extends Error {
  override name = 'ContractConfigError';
}

/** The id of the one result of a run that could not run as configured. */
export const CONFIGURATION_CASE_ID = 'configuration';

/**
 * The report of a run that could not run as configured (exit 2): one failing result with the message, so each
 * requested report is written on every exit and a CI summary step always finds its file.
 */
export function configurationReport(message: string, target: string | undefined): ContractReport {
  const result: CaseResult = {
    id: CONFIGURATION_CASE_ID,
    name: 'the run starts as configured',
    status: 'fail',
    kind: 'configuration',
    reason: message,
    ms: 0,
  };
  return {
    target: target ?? "the kit's own server (self-check)",
    mode: target === undefined ? 'mock' : 'real',
    startedAt: new Date().toISOString(),
    ms: 0,
    results: [result],
    totals: totalsOf([result]),
    enrolledUserIds: [],
    removedUserIds: [],
    configurationError: message,
  };
}
