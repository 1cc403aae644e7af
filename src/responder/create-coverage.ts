import { faults } from '../core/stages/faults.js';
import { matchName } from '../core/text/suggest-name.js';

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
 * The entries each required name stands for: `operation:NAME` that operation's, a bare NAME every operation's that
 * documents it (decision note 0022), so `SERVICE_BUSY` is seen when any operation answered it. Both parts match
 * without regard to case (`iam_failed` is IAM_FAILED); a name the report does not know comes back in `unknown`, with
 * the closest known one as a suggestion.
 */
function resolveRequired(
  report: CoverageReport,
  typed: readonly string[],
): { required: Array<{ label: string; entries: CoverageEntry[] }>; unknown: string[] } {
  const operations = [...new Set(report.entries.map((e) => e.operation))];
  const required: Array<{ label: string; entries: CoverageEntry[] }> = [];
  const unknown: string[] = [];
  for (const text of typed) {
    const colon = text.indexOf(':');
    let scope = report.entries;
    let prefix = '';
    if (colon >= 0) {
      const operation = matchName(text.slice(0, colon), operations);
      if (!operation.ok) {
        unknown.push(operation.suggestion ? `${text} (did you mean ${operation.suggestion}:${text.slice(colon + 1)}?)` : text);
        continue;
      }
      scope = report.entries.filter((e) => e.operation === operation.name);
      prefix = `${operation.name}:`;
    }
    const name = matchName(text.slice(colon + 1), [...new Set(scope.map((e) => e.name))]);
    if (name.ok) required.push({ label: `${prefix}${name.name}`, entries: scope.filter((e) => e.name === name.name) });
    else unknown.push(name.suggestion ? `${text} (did you mean ${prefix}${name.suggestion}?)` : text);
  }
  return { required, unknown };
}

/** The coverage table as text, for a failing test or a CI log. */
export function formatCoverage(report: CoverageReport, typed: readonly string[] = []): string {
  const { required } = resolveRequired(report, typed);
  const missing = new Set(required.flatMap(({ entries }) => (entries.some((e) => e.count > 0) ? [] : entries)));
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
 * `operation:NAME` (e.g. `getEnroll:SUCCESS`), without regard to case. Throws an Error, so it works in any test runner.
 */
export function assertCoverage(report: CoverageReport, typed: readonly string[]): void {
  const { required, unknown } = resolveRequired(report, typed);
  if (unknown.length) {
    const known = [...new Set(report.entries.map((e) => e.name))];
    const operations = [...new Set(report.entries.map((e) => e.operation))];
    throw new Error(
      `assertCoverage: unknown outcome or fault ${unknown.join(', ')}; known: ${known.join(', ')} (any operation's), or operation:NAME with operation one of ${operations.join(', ')}`,
    );
  }
  const missing = required.filter(({ entries }) => entries.every((e) => e.count === 0)).map(({ label }) => label);
  if (missing.length) throw new Error(`your tests never saw ${missing.join(' or ')}:\n${formatCoverage(report, typed)}`);
}
