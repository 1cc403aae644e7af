import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { journeyResponseSchemas } from '../../src/generated/schemas.js';
import { warmGeneratedImages } from './generated-images.js';
import { startImageServer, type ImageServer } from './image-server.js';
import { allScenarios, materialize, scenarioOperations, type ConcreteRequest, type Scenario } from './scenarios.js';
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
  /** Ends an H5 authentication headlessly (the admin completion), for scenarios whose `given` completes one. */
  complete(signatureId: string, completion: { result: string; reason?: string }): Promise<void>;
}

const ajv = new Ajv2020({ allErrors: true, strict: false, formats: { int64: true } });
const journeyValidators = Object.fromEntries(Object.entries(journeyResponseSchemas).map(([path, schema]) => [path, ajv.compile(schema)]));

/** `expected` as a matcher: { $length: N } and { $matches: RE } stand for an array's length and a string's pattern. */
function matcherOf(expected: unknown): unknown {
  if (Array.isArray(expected)) return expected.map(matcherOf);
  if (expected && typeof expected === 'object') {
    const e = expected as Record<string, unknown>;
    if (typeof e.$length === 'number') return expect.objectContaining({ length: e.$length });
    if (typeof e.$matches === 'string') return expect.stringMatching(new RegExp(e.$matches));
    return expect.objectContaining(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, matcherOf(v)])));
  }
  return expected;
}

/** Runs a scenario's `given` steps through the adapter; returns what they saved ($signatureId). */
async function runGiven(adapter: ScenarioAdapter, scenario: Scenario, imageServerUrl: string): Promise<Record<string, string>> {
  const saved: Record<string, string> = {};
  for (const step of scenario.given ?? []) {
    if ('complete' in step) {
      await adapter.complete(saved.signatureId!, step.complete);
      continue;
    }
    const operation = 'enroll' in step ? 'enroll' : 'generate-url';
    const request = materialize({ operation, request: { body: 'enroll' in step ? step.enroll : step.generate } }, imageServerUrl, saved);
    const answer = await adapter.send(request);
    const body = JSON.parse(answer.bodyText) as { code: string; data?: { signatureId?: string } };
    if (body.code !== 'SUCCESS') throw new Error(`${scenario.file}: the given ${operation} answered ${answer.bodyText}`);
    if (body.data?.signatureId) saved.signatureId = body.data.signatureId;
  }
  return saved;
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
      warmGeneratedImages();
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
        const saved = await runGiven(adapter, scenario, images.url);
        const before = await adapter.storeCount();
        const request = materialize(scenario, images.url, saved);
        const answer = await adapter.send(request);
        const body = JSON.parse(answer.bodyText) as Record<string, unknown>;
        const operation = scenarioOperations[scenario.operation ?? 'enroll'];
        expect({ status: answer.status, code: body.code, message: body.message }).toEqual({
          status: scenario.expect.status,
          code: scenario.expect.code,
          message: scenario.expect.message,
        });
        if (operation.path === scenarioOperations.enroll.path) expect(envelopeErrors(body)).toEqual([]);
        else {
          const validate = journeyValidators[operation.path]!;
          expect(validate(body) ? [] : validate.errors).toEqual([]);
        }
        if (scenario.expect.data !== undefined) expect(body.data).toEqual(matcherOf(scenario.expect.data));
        expect(body.transactionId).toMatch(/^[0-9a-f]{16}$/);
        expect(answer.headers['content-type']).toMatch(/^application\/json/);
        // Headers the outcome carries by the spec (x-response-headers): Retry-After for SERVICE_BUSY.
        const carried = (operation.catalog as Record<string, { headers: Readonly<Record<string, string>> }>)[scenario.expect.outcome]!
          .headers;
        for (const [name, value] of Object.entries(carried)) expect([name, answer.headers[name]]).toEqual([name, value]);
        if (!Object.keys(carried).includes('retry-after')) expect(answer.headers['retry-after']).toBeUndefined();
        // Only an enroll SUCCESS adds a face; a journey scenario says its own change (delete-enroll removes).
        const enrolled = (scenario.operation ?? 'enroll') === 'enroll' && scenario.expect.outcome === 'SUCCESS' ? 1 : 0;
        expect((await adapter.storeCount()) - before).toBe(scenario.expect.storeChange ?? enrolled);
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
