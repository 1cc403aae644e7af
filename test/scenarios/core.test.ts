import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollCore, parseRules } from '../../src/core/index.js';
import { startImageServer, type ImageServer } from '../support/image-server.js';
import { defaultRulesPath, allScenarios, materialize } from '../support/scenarios.js';
import { envelopeErrors } from '../support/validate-envelope.js';

const parsed = parseRules(readFileSync(defaultRulesPath, 'utf8'), 'fixtures/rules.yaml');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));

let images: ImageServer;
beforeAll(async () => {
  images = await startImageServer();
});
afterAll(() => images.close());

describe('the scenario table, through the decision core', () => {
  const core = createEnrollCore({ rules: parsed.rules, seed: 1 });
  for (const scenario of allScenarios()) {
    it(`${scenario.file}: ${scenario.name}`, async () => {
      const request = materialize(scenario, images.url);
      const decision = await core.decide({ headers: request.headers, bodyText: request.bodyText });
      expect({
        outcome: decision.outcome,
        status: decision.status,
        code: decision.envelope.code,
        message: decision.envelope.message,
      }).toEqual(scenario.expect);
      expect(envelopeErrors(decision.envelope)).toEqual([]);
      expect(decision.envelope.transactionId).toMatch(/^[0-9a-f]{16}$/);
    });
  }
});
