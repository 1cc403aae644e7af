import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { startImageServer, type ImageServer } from '../support/image-server.js';
import { loadScenarios } from '../../src/contract/load-contract-cases.js';
import { defaultRulesPath, isEnvelopeScenario, scenarioRequest } from '../support/scenarios.js';

// A few seconds in npm test; LOAD_SECONDS=600 for a soak.
const SECONDS = Number(process.env.LOAD_SECONDS ?? 3);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 16);

let server: MockServer;
let url: string;
let images: ImageServer;

beforeAll(async () => {
  images = await startImageServer();
  server = await createMockServer({ seed: 1, rules: defaultRulesPath });
  url = await server.listen(0);
});
afterAll(async () => {
  await server.close();
  await images.close();
});

describe(`load: ${CLIENTS} clients mixing every scenario for ${SECONDS} s`, () => {
  it(
    'answers every request with its expected envelope and enrolls exactly the SUCCESS ones',
    async () => {
      // Save Enroll's scenarios: the journey's need their given steps, which the harness runs (test/support/scenario-harness.ts).
      const scenarios = await Promise.all(
        loadScenarios()
          .filter(isEnvelopeScenario)
          .filter((scenario) => (scenario.operation ?? 'enroll') === 'enroll' && !scenario.options)
          .map(async (scenario) => ({ scenario, request: await scenarioRequest(scenario, images.url) })),
      );
      const enrolled = new Set<string>();
      const failures: string[] = [];
      let sent = 0;
      let counter = 0;
      const deadline = performance.now() + SECONDS * 1000;
      const client = async (offset: number) => {
        for (let i = offset; performance.now() < deadline; i++) {
          const { scenario, request } = scenarios[i % scenarios.length]!;
          let bodyText = request.bodyText;
          let userId: string | undefined;
          if (scenario.expect.outcome === 'SUCCESS') {
            // A fresh user per SUCCESS, so the store can be checked one for one.
            userId = `load-${counter++}`;
            bodyText = JSON.stringify({ ...JSON.parse(bodyText), userId });
          }
          sent++;
          try {
            const response = await fetch(url + enrollPath, {
              method: 'POST',
              headers: request.headers,
              body: bodyText,
              signal: AbortSignal.timeout(15_000),
            });
            const body = await response.json();
            if (
              response.status !== scenario.expect.status ||
              body.code !== scenario.expect.code ||
              body.message !== scenario.expect.message
            ) {
              failures.push(`${scenario.id}: got ${response.status} ${body.code} ${body.message}`);
            } else if (userId) enrolled.add(userId);
          } catch (error) {
            failures.push(`${scenario.id}: ${(error as Error).message}`);
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i * 3)));
      expect(failures.slice(0, 5)).toEqual([]);
      expect(sent).toBeGreaterThan(CLIENTS);
      const stored = new Set((await server.store.all()).map((e) => e.userId));
      expect(stored).toEqual(enrolled);
      console.log(
        `load: ${sent} requests in ${SECONDS} s (${Math.round(sent / SECONDS)} req/s), ${enrolled.size} enrolled, 0 unanswered, 0 malformed`,
      );
    },
    (SECONDS + 60) * 1000,
  );
});
