import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContractCases, loadScenarios } from './load-contract-cases.js';

const request = 'request: { body: { userId: alice } }';
const envelope = 'expect: { outcome: SUCCESS, status: 200, code: SUCCESS, message: OK }';
let dir: string | undefined;

/** A scenario folder holding these files (name -> YAML). */
function folder(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the scenario loader', () => {
  it('reads every YAML file in file order, its id being the file name without .yaml', () => {
    const scenarios = loadScenarios(
      folder({
        'b.yaml': `name: second\ntrigger: natural\n${request}\n${envelope}`,
        'a.yaml': `name: first\ntrigger: natural\noperation: get-enroll\n${request}\n${envelope}`,
        'notes.txt': 'not a scenario',
      }),
    );
    expect(scenarios.map((s) => [s.id, s.name, s.operation])).toEqual([
      ['a', 'first', 'get-enroll'],
      ['b', 'second', undefined],
    ]);
  });

  it('refuses a file naming an unknown operation, with the file and the operations it may name', () => {
    const where = folder({ 'x.yaml': `name: typo\ntrigger: natural\noperation: get-enrol\n${request}\n${envelope}` });
    expect(() => loadScenarios(where)).toThrow(
      `${join(where, 'x')}.yaml: unknown operation "get-enrol"; one of enroll, get-enroll, delete-enroll, generate-url, get-result`,
    );
  });

  it('gives the contract run only the files a target can be asked for: no mock options, no transport fault', () => {
    const cases = loadContractCases(
      folder({
        '1.yaml': `name: plain\ntrigger: natural\n${request}\n${envelope}`,
        '2.yaml': `name: configured\ntrigger: natural\noptions: { delay: 300 }\n${request}\n${envelope}`,
        '3.yaml': `name: reset\ntrigger: natural\n${request}\nexpect: { fault: reset }`,
      }),
    );
    expect(cases.map((c) => c.id)).toEqual(['1']);
  });
});
