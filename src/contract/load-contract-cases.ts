import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../node/package-root.js';
import { isContractCase, type ContractCase, type Scenario } from './contract-case.js';
import { contractOperations, isContractOperation } from './contract-operations.js';

/** The packaged scenario table: fixtures/scenarios/ in the kit's folder. */
export const casesDir = (): string => join(packageRoot(), 'fixtures', 'scenarios');

/**
 * Every scenario file in `dir` (default: the kit's table), in file order: Save Enroll's and the journey's
 * (`operation: get-enroll`, ...; `given:` steps build the state first). A file naming an unknown operation throws.
 */
export function loadScenarios(dir = casesDir()): Scenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const scenario = { id: file.slice(0, -'.yaml'.length), ...(parse(readFileSync(join(dir, file), 'utf8')) as Omit<Scenario, 'id'>) };
      if (scenario.operation !== undefined && !isContractOperation(scenario.operation))
        throw new Error(
          `${join(dir, file)}: unknown operation "${String(scenario.operation)}"; one of ${Object.keys(contractOperations).join(', ')}`,
        );
      return scenario;
    });
}

/**
 * The scenarios a contract run sends. Left out: the files that configure the mock (`options:`, a rate limit or a
 * fault option) or expect a transport fault instead of an envelope: they prove the kit's adapters (its scenario
 * tests run them), and a target cannot be configured from here.
 */
export function loadContractCases(dir = casesDir()): ContractCase[] {
  return loadScenarios(dir).filter(isContractCase);
}
