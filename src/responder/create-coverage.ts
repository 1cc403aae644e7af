import { faults } from '../core/faults.js';
import { suggestName } from '../core/suggest-name.js';

export interface CoverageEntry {
  /** The operation answered, by its spec operationId. */
  operation: string;
  name: string;
  kind: 'outcome' | 'fault';
  count: number;
}

export interface CoverageReport {
  /** Answers counted since the last reset (of the operation asked for, or of every operation). */
  total: number;
  /** Each operation's documented outcomes, then every fault, with how many of its answers carried it. */
  entries: CoverageEntry[];
  /** The entries no answer carried yet, as `operation:NAME`. */
  never: string[];
}

export interface Coverage {
  record(name: string, operation: string): void;
  /** The table of every operation, or of one (`?operation=`). */
  report(operation?: string): CoverageReport;
  reset(): void;
  /** The operationIds counted, for a filter's did-you-mean. */
  readonly operations: readonly string[];
}

/**
 * Outcome coverage per operation: how many answers carried each documented outcome and fault. Counters, not
 * the journal, so a long run is counted whole however small the journal is.
 */
export function createCoverage(operations: ReadonlyArray<{ operationId: string; catalog: Readonly<Record<string, unknown>> }>): Coverage {
  const names: Array<Omit<CoverageEntry, 'count'>> = operations.flatMap(({ operationId, catalog }) => [
    ...Object.keys(catalog).map((name) => ({ operation: operationId, name, kind: 'outcome' as const })),
    ...faults.map((name) => ({ operation: operationId, name, kind: 'fault' as const })),
  ]);
  const key = (operation: string, name: string) => `${operation}:${name}`;
  const counts = new Map<string, number>();
  return {
    operations: operations.map((op) => op.operationId),
    record(name, operation) {
      counts.set(key(operation, name), (counts.get(key(operation, name)) ?? 0) + 1);
    },
    report(operation) {
      const entries = names
        .filter((entry) => operation === undefined || entry.operation === operation)
        .map((entry) => ({ ...entry, count: counts.get(key(entry.operation, entry.name)) ?? 0 }));
      return {
        total: entries.reduce((sum, entry) => sum + entry.count, 0),
        entries,
        never: entries.filter((e) => e.count === 0).map((e) => key(e.operation, e.name)),
      };
    },
    reset() {
      counts.clear();
    },
  };
}

/**
 * The entries a required name stands for: `operation:NAME` that operation's, a bare NAME every operation's
 * that documents it (docs/decisions/0022-operation-pipeline.md), so `SERVICE_BUSY` is seen when any operation answered it.
 */
function entriesOf(report: CoverageReport, required: string): CoverageEntry[] {
  const colon = required.indexOf(':');
  if (colon < 0) return report.entries.filter((e) => e.name === required);
  const [operation, name] = [required.slice(0, colon), required.slice(colon + 1)];
  return report.entries.filter((e) => e.operation === operation && e.name === name);
}

/** The coverage table as text, for a failing test or a CI log. */
export function formatCoverage(report: CoverageReport, required: readonly string[] = []): string {
  const missing = new Set(required.flatMap((r) => (entriesOf(report, r).some((e) => e.count > 0) ? [] : entriesOf(report, r))));
  const opWidth = Math.max(9, ...report.entries.map((e) => e.operation.length));
  const width = Math.max(4, ...report.entries.map((e) => e.name.length));
  const lines = report.entries.map(
    (e) =>
      `${e.operation.padEnd(opWidth)}  ${e.name.padEnd(width)}  ${e.kind.padEnd(7)}  ${String(e.count).padStart(6)}${missing.has(e) ? '  <- required, never seen' : ''}`,
  );
  return [`${'operation'.padEnd(opWidth)}  ${'name'.padEnd(width)}  kind     answers`, ...lines, `${report.total} answers in all`].join(
    '\n',
  );
}

/**
 * Fails when a required outcome or fault was never answered: one line in a test run ("your app's tests never
 * saw SERVICE_BUSY or IAM_FAILED"), with the table. A name is `NAME` (any operation documenting it) or
 * `operation:NAME` (e.g. `getEnroll:SUCCESS`). Throws an Error, so it works in any test runner.
 */
export function assertCoverage(report: CoverageReport, required: readonly string[]): void {
  const unknown = required.filter((name) => entriesOf(report, name).length === 0);
  if (unknown.length) {
    const known = [...new Set(report.entries.map((e) => e.name))];
    const hints = unknown.map((name) => {
      const nearest = suggestName(name.slice(name.indexOf(':') + 1), known);
      return nearest && !name.includes(':') ? `${name} (did you mean ${nearest}?)` : name;
    });
    throw new Error(
      `assertCoverage: unknown outcome or fault ${hints.join(', ')}; known: ${known.join(', ')} (any operation's), or operation:NAME with operation one of ${[...new Set(report.entries.map((e) => e.operation))].join(', ')}`,
    );
  }
  const missing = required.filter((name) => entriesOf(report, name).every((e) => e.count === 0));
  if (missing.length) throw new Error(`your tests never saw ${missing.join(' or ')}:\n${formatCoverage(report, required)}`);
}
