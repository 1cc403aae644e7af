import { faults } from '../core/faults.js';
import { outcomeNames } from '../core/outcome-catalog.js';
import { matchName } from '../core/suggest-name.js';

export interface CoverageReport {
  /** Enroll answers counted since the last reset. */
  total: number;
  /** Every documented outcome, then every fault, with how many answers carried it. */
  entries: Array<{ name: string; kind: 'outcome' | 'fault'; count: number }>;
  /** The names no answer carried yet. */
  never: string[];
}

export interface Coverage {
  record(name: string): void;
  report(): CoverageReport;
  reset(): void;
}

/**
 * Outcome coverage: how many answers carried each documented outcome and fault. Counters, not the journal,
 * so a long run is counted whole however small the journal is.
 */
export function createCoverage(): Coverage {
  const names: Array<[string, 'outcome' | 'fault']> = [
    ...outcomeNames.map((n) => [n, 'outcome'] as [string, 'outcome']),
    ...faults.map((f) => [f, 'fault'] as [string, 'fault']),
  ];
  const counts = new Map<string, number>();
  let total = 0;
  return {
    record(name) {
      total++;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    },
    report() {
      const entries = names.map(([name, kind]) => ({ name, kind, count: counts.get(name) ?? 0 }));
      return { total, entries, never: entries.filter((e) => e.count === 0).map((e) => e.name) };
    },
    reset() {
      counts.clear();
      total = 0;
    },
  };
}

/**
 * The report's names for the required ones, matched without regard to case (`iam_failed` is IAM_FAILED);
 * each name it does not know, with the closest known one as a suggestion.
 */
function resolveRequired(report: CoverageReport, required: readonly string[]): { names: string[]; unknown: string[] } {
  const known = report.entries.map((e) => e.name);
  const names: string[] = [];
  const unknown: string[] = [];
  for (const typed of required) {
    const match = matchName(typed, known);
    if (match.ok) names.push(match.name);
    else unknown.push(match.suggestion ? `${typed} (did you mean ${match.suggestion}?)` : typed);
  }
  return { names, unknown };
}

/** The coverage table as text, for a failing test or a CI log. */
export function formatCoverage(report: CoverageReport, typed: readonly string[] = []): string {
  const required = resolveRequired(report, typed).names;
  const width = Math.max(...report.entries.map((e) => e.name.length));
  const lines = report.entries.map(
    (e) =>
      `${e.name.padEnd(width)}  ${e.kind.padEnd(7)}  ${String(e.count).padStart(6)}${required.includes(e.name) && e.count === 0 ? '  <- required, never seen' : ''}`,
  );
  return [`${'name'.padEnd(width)}  kind     answers`, ...lines, `${report.total} answers in all`].join('\n');
}

/**
 * Fails when a required outcome or fault was never answered: one line in a test run ("your app's tests never
 * saw SERVICE_BUSY or IAM_FAILED"), with the table. Names match without regard to case. Throws an Error, so it
 * works in any test runner.
 */
export function assertCoverage(report: CoverageReport, typed: readonly string[]): void {
  const { names: required, unknown } = resolveRequired(report, typed);
  if (unknown.length)
    throw new Error(
      `assertCoverage: unknown outcome or fault ${unknown.join(', ')}; known: ${report.entries.map((e) => e.name).join(', ')}`,
    );
  const missing = required.filter((name) => report.entries.find((e) => e.name === name)!.count === 0);
  if (missing.length) throw new Error(`your tests never saw ${missing.join(' or ')}:\n${formatCoverage(report, required)}`);
}
