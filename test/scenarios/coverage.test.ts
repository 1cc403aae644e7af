import { describe, expect, it } from 'vitest';
import { outcomeNames } from '../../src/core/index.js';
import { loadScenarios } from '../support/scenarios.js';

/** Outcomes with no natural trigger, and why. Everything else must have a natural scenario. */
const NO_NATURAL_TRIGGER: Record<string, string> = {
  ERROR: 'a healthy server has no input that makes it fail; forced by rule or Prefer (and answered for internal failures)',
};

/** Outcomes whose natural trigger is the adapter's configuration, not one request, and the test that covers it. */
const NATURAL_BY_CONFIGURATION: Record<string, string> = {
  SERVICE_BUSY: 'test/server/faults.test.ts: more requests per second than rateLimit, on the server and MSW',
};

describe('the scenario table', () => {
  const scenarios = loadScenarios();

  it('reaches every documented outcome by a natural request', () => {
    const natural = new Set(scenarios.filter((s) => s.trigger === 'natural').map((s) => s.expect.outcome));
    const missing = outcomeNames.filter(
      (name) => !natural.has(name) && !(name in NO_NATURAL_TRIGGER) && !(name in NATURAL_BY_CONFIGURATION),
    );
    expect(missing).toEqual([]);
  });

  it('names only outcomes that the spec documents', () => {
    const unknown = scenarios.map((s) => s.expect.outcome).filter((o) => !(outcomeNames as readonly string[]).includes(o));
    expect(unknown).toEqual([]);
  });

  it('reaches the outcomes without a natural trigger through a fixture rule', () => {
    const byRule = new Set(scenarios.filter((s) => s.trigger === 'rule').map((s) => s.expect.outcome));
    expect(Object.keys(NO_NATURAL_TRIGGER).filter((name) => !byRule.has(name))).toEqual([]);
  });
});
