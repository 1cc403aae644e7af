import type { CaseResult, Drift } from './contract-case.js';

/**
 * Drifts a team accepted (`--baseline FILE`), keyed by operation, case and kind, each with what was seen:
 * small and reviewable, meant to be committed so a vendor change is accepted once, in a pull request
 * (docs/decisions/0029-accepted-drift.md).
 */
export interface Baseline {
  /** The format's version; 1. */
  version: 1;
  drifts: Record<string, Record<string, Partial<Record<Drift['kind'], string>>>>;
}

const KINDS: ReadonlySet<string> = new Set(['message-drift', 'additive-drift']);

/** The baseline's problems (empty when it is one), each naming where: a hand-edited file gets a clear answer. */
export function baselineErrors(value: unknown): string[] {
  const v = value as Partial<Baseline> | null;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return ['it must be a JSON object { "version": 1, "drifts": {...} }'];
  const errors: string[] = [];
  if (v.version !== 1) errors.push(`version must be 1, got ${JSON.stringify(v.version)}`);
  if (!v.drifts || typeof v.drifts !== 'object' || Array.isArray(v.drifts))
    return [...errors, 'drifts must be an object keyed by operation'];
  for (const [operation, cases] of Object.entries(v.drifts)) {
    if (!cases || typeof cases !== 'object') errors.push(`drifts.${operation} must be an object keyed by case id`);
    else
      for (const [id, kinds] of Object.entries(cases))
        for (const [kind, seen] of Object.entries(kinds ?? {}))
          if (!KINDS.has(kind) || typeof seen !== 'string')
            errors.push(`drifts.${operation}.${id}.${kind} must be message-drift or additive-drift with a text of what was seen`);
  }
  return errors;
}

/** The baseline that accepts every drift of these results (`--update-baseline`), in the report's order. */
export function baselineOf(results: readonly CaseResult[]): Baseline {
  const drifts: Baseline['drifts'] = {};
  for (const r of results)
    for (const drift of r.drifts ?? []) ((drifts[r.operation ?? 'enroll'] ??= {})[r.id] ??= {})[drift.kind] = drift.seen;
  return { version: 1, drifts };
}

/**
 * One result against the baseline: a warning whose every drift the baseline lists, with the same text, passes as
 * `accepted-drift`; a warning with a drift that is new, or changed since it was accepted, fails (a team with a
 * baseline reviews every drift once). Other results are as they were.
 */
export function acceptDrifts(result: CaseResult, baseline: Baseline, file: string): CaseResult {
  if (result.status !== 'warn' || !result.drifts?.length) return result;
  const accepted = baseline.drifts[result.operation ?? 'enroll']?.[result.id] ?? {};
  const unaccepted = result.drifts.filter((d) => accepted[d.kind] !== d.seen);
  if (!unaccepted.length)
    return { ...result, status: 'pass', kind: 'accepted-drift', reason: `accepted in ${file}: ${result.reason ?? ''}` };
  const what = unaccepted
    .map((d) => (accepted[d.kind] === undefined ? `new ${d.kind}` : `changed ${d.kind} (${file} accepted "${accepted[d.kind]}")`))
    .join(', ');
  return { ...result, status: 'fail', reason: `${what}, not in ${file}: ${result.reason ?? ''}` };
}
