import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomes, type OutcomeName } from '../../src/core/index.js';
import { startImageServer, type ImageServer } from './image-server.js';
import { allScenarios, materialize, type ConcreteRequest, type Scenario } from './scenarios.js';
import { envelopeErrors } from './validate-envelope.js';

/** What the harness needs of an adapter: send one enroll as the scenario says, and count what it stored. */
export interface ScenarioAdapter {
  name: string;
  /** Why this adapter cannot run here (a skip line), or null. */
  skip?: () => string | null;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Why one scenario cannot run through this adapter (a skip line), or null. */
  skipScenario?(scenario: Scenario): string | null;
  send(request: ConcreteRequest): Promise<{ status: number; headers: Record<string, string>; bodyText: string }>;
  storeCount(): Promise<number>;
}

/**
 * The one scenario runner (docs/decisions/0007-one-responder.md): every scenario of fixtures/scenarios/, plus
 * one forced scenario per example name, through one adapter, with the same assertions for every adapter:
 * status, code, message, the envelope's schema, the transaction id, the outcome's headers (Retry-After),
 * the content type, and the store's change.
 */
export function runScenarioTable(adapter: ScenarioAdapter, scenarios: Scenario[] = allScenarios()): void {
  const skip = adapter.skip?.() ?? null;
  let images: ImageServer;
  describe(`the scenario table, through ${adapter.name}`, () => {
    beforeAll(async () => {
      if (skip) return;
      images = await startImageServer();
      await adapter.start?.();
    }, 120_000);
    afterAll(async () => {
      if (skip) return;
      await adapter.stop?.();
      await images.close();
    });

    for (const scenario of scenarios) {
      it(`${scenario.file}: ${scenario.name}`, async (ctx) => {
        if (skip) return ctx.skip(skip);
        const unfit = adapter.skipScenario?.(scenario);
        if (unfit) return ctx.skip(unfit);
        const before = await adapter.storeCount();
        const answer = await adapter.send(materialize(scenario, images.url));
        const body = JSON.parse(answer.bodyText) as Record<string, unknown>;
        expect({ status: answer.status, code: body.code, message: body.message }).toEqual({
          status: scenario.expect.status,
          code: scenario.expect.code,
          message: scenario.expect.message,
        });
        expect(envelopeErrors(body)).toEqual([]);
        expect(body.transactionId).toMatch(/^[0-9a-f]{16}$/);
        expect(answer.headers['content-type']).toMatch(/^application\/json/);
        // Headers the outcome carries by the spec (x-response-headers): Retry-After for SERVICE_BUSY.
        const carried = outcomes[scenario.expect.outcome as OutcomeName].headers;
        for (const [name, value] of Object.entries(carried)) expect([name, answer.headers[name]]).toEqual([name, value]);
        if (!Object.keys(carried).includes('retry-after')) expect(answer.headers['retry-after']).toBeUndefined();
        // Only a SUCCESS changes the state.
        expect((await adapter.storeCount()) - before).toBe(scenario.expect.outcome === 'SUCCESS' ? 1 : 0);
      });
    }
  });
}

/** A Fetch Response's headers as a plain lower-cased record. */
export function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => (out[name] = value));
  return out;
}
