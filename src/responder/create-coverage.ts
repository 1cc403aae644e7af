import { faults } from '../core/faults.js';
import { outcomeNames } from '../core/outcome-catalog.js';

export interface CoverageReport {
  /** Enroll answers counted since the last reset. */
  total: number;
  /** Every documented outcome, then every fault, with how many answers carried it. */
  entries: Array<{ name: string; kind: 'outcome' | 'fault'; count: number }>;
  /** The names no answer carried yet. */
  never: string[];
}

export interface Coverage {
  record(name: string, operation?: string): void;
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

/** The coverage table as text, for a failing test or a CI log. */
export function formatCoverage(report: CoverageReport, required: readonly string[] = []): string {
  const width = Math.max(...report.entries.map((e) => e.name.length));
  const lines = report.entries.map(
    (e) =>
      `${e.name.padEnd(width)}  ${e.kind.padEnd(7)}  ${String(e.count).padStart(6)}${required.includes(e.name) && e.count === 0 ? '  <- required, never seen' : ''}`,
  );
  return [`${'name'.padEnd(width)}  kind     answers`, ...lines, `${report.total} answers in all`].join('\n');
}

/**
 * Fails when a required outcome or fault was never answered: one line in a test run ("your app's tests never
 * saw SERVICE_BUSY or IAM_FAILED"), with the table. Throws an Error, so it works in any test runner.
 */
export function assertCoverage(report: CoverageReport, required: readonly string[]): void {
  const known = new Set(report.entries.map((e) => e.name));
  const unknown = required.filter((name) => !known.has(name));
  if (unknown.length) throw new Error(`assertCoverage: unknown outcome or fault ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  const missing = required.filter((name) => report.entries.find((e) => e.name === name)!.count === 0);
  if (missing.length) throw new Error(`your tests never saw ${missing.join(' or ')}:\n${formatCoverage(report, required)}`);
}
