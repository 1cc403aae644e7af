import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../node/package-root.js';
import type { ContractCase } from './contract-case.js';

/** The packaged case table: fixtures/scenarios/ in the kit's folder. */
export const casesDir = (): string => join(packageRoot(), 'fixtures', 'scenarios');

/**
 * Every Save Enroll case file in `dir` (default: the kit's table), in file order. The table also holds the
 * journey's cases (`operation: get-enroll`, ...; with `given:` steps that build state first); the contract
 * runner sends enroll requests only, so those are left to the scenario harness for now.
 */
export function loadContractCases(dir = casesDir()): ContractCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ id: file.slice(0, -'.yaml'.length), ...(parse(readFileSync(join(dir, file), 'utf8')) as Omit<ContractCase, 'id'>) }))
    .filter((c) => ((c as { operation?: string }).operation ?? 'enroll') === 'enroll');
}
