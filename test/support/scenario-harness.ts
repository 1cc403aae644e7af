import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { journeyResponseSchemas } from '../../src/generated/schemas.js';
import { warmGeneratedImages } from './generated-images.js';
import { startImageServer, type ImageServer } from './image-server.js';
import type { EnvelopeExpectation, Scenario } from '../../src/contract/contract-case.js';
import { contractOperations } from '../../src/contract/contract-operations.js';
import { runGiven } from '../../src/contract/run-given.js';
import { allScenarios, isFaultScenario, scenarioRequest, type ConcreteRequest } from './scenarios.js';
import { envelopeErrors } from './validate-envelope.js';

/** One mock behind an adapter: send a request as the scenario says, count what it stored, complete an authentication. */
export interface ScenarioTarget {
  /** Rejects when the adapter answers no response at all (a reset, or a hang past `request.timeoutMs`). */
  send(request: ConcreteRequest): Promise<{ status: number; headers: Record<string, string>; bodyText: string }>;
  storeCount(): Promise<number>;
  /** Ends an H5 authentication headlessly (the admin completion), for scenarios whose `given` completes one. */
  complete(signatureId: string, completion: { result: string; reason?: string }): Promise<void>;
}

/** What the harness needs of an adapter: its shared mock, and a mock of its own for a scenario's `options`. */
export interface ScenarioAdapter extends ScenarioTarget {
  name: string;
  /** Why this adapter cannot run here (a skip line), or null. */
  skip?: () => string | null;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Why one scenario cannot run through this adapter (a skip line), or null. */
  skipScenario?(scenario: Scenario): string | null;
  /**
   * A separate mock of this adapter made with the scenario's `options` (merged over the adapter's own), for the
   * scenarios that configure the mock (rate limit, fault, delay): the same options every adapter takes.
   */
  withOptions(options: Record<string, unknown>): Promise<ScenarioTarget & { stop(): Promise<void> }>;
}

/** How long a `hang` scenario waits before giving up: the answer must not come within it. */
const HANG_WAIT_MS = 400;

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

/** Runs a scenario's `given` steps through the adapter (the contract command's runGiven); returns what they saved. */
async function givenState(adapter: ScenarioTarget, scenario: Scenario, imageServerUrl: string): Promise<Record<string, string>> {
  const given = await runGiven(scenario.given, {
    async send(operation, body, saved) {
      const answer = await adapter.send(await scenarioRequest({ operation, request: { body } }, imageServerUrl, saved));
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.bodyText);
      } catch {
        parsed = undefined;
      }
      return { status: answer.status, body: parsed };
    },
    complete: (signatureId, completion) => adapter.complete(signatureId, completion),
  });
  if (!('saved' in given)) throw new Error(`${scenario.id}: ${'skip' in given ? given.skip : given.fail}`);
  return given.saved;
}

/** One scenario through one target: the given steps, the request, and every assertion. */
async function runScenario(target: ScenarioTarget, scenario: Scenario, imageServerUrl: string): Promise<void> {
  const saved = await givenState(target, scenario, imageServerUrl);
  const before = await target.storeCount();
  const request = await scenarioRequest(scenario, imageServerUrl, saved);
  const operation = contractOperations[scenario.operation ?? 'enroll'];
  const started = performance.now();
  if (isFaultScenario(scenario)) {
    const { fault } = scenario.expect;
    const sent = await target.send({ ...request, ...(fault === 'hang' ? { timeoutMs: HANG_WAIT_MS } : {}) }).then(
      (answer) => ({ answer }),
      (error: unknown) => ({ error }),
    );
    const waited = performance.now() - started;
    if (fault === 'reset' || fault === 'hang') {
      expect('error' in sent ? 'no response' : `HTTP ${sent.answer.status}`).toBe('no response');
      // A hang ends only when the client gives up. A reset is sent with no client timeout, so a reset that hung
      // instead would outlast the test's own timeout.
      if (fault === 'hang') expect(waited).toBeGreaterThanOrEqual(HANG_WAIT_MS - 10);
    } else {
      if ('error' in sent) throw new Error(`${fault}: expected an HTTP answer, got none (${String(sent.error)})`);
      const { answer } = sent;
      if (fault === 'malformed') {
        expect([answer.status, answer.headers['content-type']]).toEqual([200, expect.stringMatching(/^application\/json/)]);
        expect(() => JSON.parse(answer.bodyText)).toThrow(SyntaxError);
      } else {
        const status = fault === 'gateway-502' ? 502 : 504;
        expect([answer.status, answer.headers['content-type'], answer.bodyText]).toEqual([
          status,
          'text/html',
          expect.stringContaining(`<title>${status}`),
        ]);
      }
    }
    if (scenario.expect.minLatencyMs !== undefined) expect(waited).toBeGreaterThanOrEqual(scenario.expect.minLatencyMs - 10);
    expect((await target.storeCount()) - before).toBe(scenario.expect.storeChange ?? 0);
    return;
  }
  const expected = scenario.expect as EnvelopeExpectation;
  const answer = await target.send(request);
  const waited = performance.now() - started;
  const body = JSON.parse(answer.bodyText) as Record<string, unknown>;
  expect({ status: answer.status, code: body.code, message: body.message }).toEqual({
    status: expected.status,
    code: expected.code,
    message: expected.message,
  });
  if (operation.path === contractOperations.enroll.path) expect(envelopeErrors(body)).toEqual([]);
  else {
    const validate = journeyValidators[operation.path]!;
    expect(validate(body) ? [] : validate.errors).toEqual([]);
  }
  if (expected.data !== undefined) expect(body.data).toEqual(matcherOf(expected.data));
  expect(body.transactionId).toMatch(/^[0-9a-f]{16}$/);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  // Headers the outcome carries by the spec (x-response-headers): Retry-After for SERVICE_BUSY.
  const carried = (operation.catalog as Record<string, { headers: Readonly<Record<string, string>> }>)[expected.outcome]!.headers;
  for (const [name, value] of Object.entries(carried)) expect([name, answer.headers[name]]).toEqual([name, value]);
  if (!Object.keys(carried).includes('retry-after')) expect(answer.headers['retry-after']).toBeUndefined();
  if (expected.minLatencyMs !== undefined) expect(waited).toBeGreaterThanOrEqual(expected.minLatencyMs - 10);
  // Only an enroll SUCCESS adds a face; a journey scenario says its own change (delete-enroll removes).
  const enrolled = (scenario.operation ?? 'enroll') === 'enroll' && expected.outcome === 'SUCCESS' ? 1 : 0;
  expect((await target.storeCount()) - before).toBe(expected.storeChange ?? enrolled);
}

/**
 * The one scenario runner (docs/decisions/0007-one-responder.md): every scenario of fixtures/scenarios/, plus
 * one forced scenario per example name, through one adapter, with the same assertions for every adapter:
 * status, code, message, the envelope's schema, the transaction id, the outcome's headers (Retry-After),
 * the content type, the store's change, the delay; or, for a transport fault, how the adapter expressed it.
 * A scenario with `options` runs on a mock the adapter makes with them.
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
      it(`${scenario.id}: ${scenario.name}`, async (ctx) => {
        if (skip) return ctx.skip(skip);
        const unfit = adapter.skipScenario?.(scenario);
        if (unfit) return ctx.skip(unfit);
        const target = scenario.options ? await adapter.withOptions(scenario.options) : adapter;
        try {
          await runScenario(target, scenario, images.url);
        } finally {
          if (target !== adapter) await (target as { stop(): Promise<void> }).stop();
        }
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
