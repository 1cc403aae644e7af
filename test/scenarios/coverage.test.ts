import { describe, expect, it } from 'vitest';
import { contractOperations, type ContractOperation } from '../../src/contract/contract-operations.js';
import { loadScenarios } from '../../src/contract/load-contract-cases.js';
import { isEnvelopeScenario } from '../support/scenarios.js';

/** Outcomes with no natural trigger, and why. Everything else must have a natural scenario. */
const NO_NATURAL_TRIGGER: Record<string, string> = {
  ERROR: 'a healthy server has no input that makes it fail; forced by rule or Prefer (and answered for internal failures)',
};

/** Outcomes whose natural trigger is the adapter's configuration, not one request, and the test that covers it. */
const NATURAL_BY_CONFIGURATION: Record<string, string> = {
  SERVICE_BUSY: 'test/server/faults.test.ts: more requests per second than rateLimit, on the server and MSW',
};

/** The journey's operations: ERROR has no natural trigger (forced by Prefer in the generated scenarios). */
const JOURNEY_NO_NATURAL_TRIGGER: Record<string, string> = {
  ERROR: 'a healthy server has no input that makes it fail; forced by Prefer (the generated prefer-ERROR scenario of each operation)',
};

describe('the scenario table', () => {
  const scenarios = loadScenarios().filter(isEnvelopeScenario);
  const of = (operation: ContractOperation) => scenarios.filter((s) => (s.operation ?? 'enroll') === operation);
  const names = (operation: ContractOperation) => Object.keys(contractOperations[operation].catalog);

  for (const operation of Object.keys(contractOperations) as ContractOperation[]) {
    const unreachable = operation === 'enroll' ? { ...NO_NATURAL_TRIGGER, ...NATURAL_BY_CONFIGURATION } : JOURNEY_NO_NATURAL_TRIGGER;

    it(`reaches every documented ${operation} outcome by a natural request`, () => {
      const natural = new Set(
        of(operation)
          .filter((s) => s.trigger === 'natural')
          .map((s) => s.expect.outcome),
      );
      expect(names(operation).filter((name) => !natural.has(name) && !(name in unreachable))).toEqual([]);
    });

    it(`names only ${operation} outcomes that the spec documents`, () => {
      expect(
        of(operation)
          .map((s) => s.expect.outcome)
          .filter((o) => !names(operation).includes(o)),
      ).toEqual([]);
    });
  }

  it('reaches the outcomes without a natural trigger through a fixture rule', () => {
    const byRule = new Set(
      of('enroll')
        .filter((s) => s.trigger === 'rule')
        .map((s) => s.expect.outcome),
    );
    expect(Object.keys(NO_NATURAL_TRIGGER).filter((name) => !byRule.has(name))).toEqual([]);
  });
});
