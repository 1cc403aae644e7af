import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../node/package-root.js';
import type { ContractCase } from './contract-case.js';
import { contractOperations, isContractOperation } from './contract-operations.js';

/** The packaged case table: fixtures/scenarios/ in the kit's folder. */
export const casesDir = (): string => join(packageRoot(), 'fixtures', 'scenarios');

/**
 * Every case file in `dir` (default: the kit's table), in file order: Save Enroll's and the journey's
 * (`operation: get-enroll`, ...; `given:` steps build the state first). Left out: the files that configure the
 * mock (`options:`, a rate limit or a fault option) or expect a transport fault instead of an envelope: they prove
 * the adapters (the scenario harness runs them), and a target cannot be configured from here.
 */
export function loadContractCases(dir = casesDir()): ContractCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ id: file.slice(0, -'.yaml'.length), ...(parse(readFileSync(join(dir, file), 'utf8')) as Omit<ContractCase, 'id'>) }))
    .filter((c) => !('options' in c) && !('fault' in c.expect))
    .map((c) => {
      if (c.operation !== undefined && !isContractOperation(c.operation))
        throw new Error(
          `${join(dir, c.id)}.yaml: unknown operation "${String(c.operation)}"; one of ${Object.keys(contractOperations).join(', ')}`,
        );
      return c;
    });
}
