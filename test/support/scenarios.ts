import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { generatedImage } from './generated-images.js';
import { imagesDir } from './image-server.js';
import { outcomeNames, outcomes } from '../../src/core/index.js';
import type { Fault } from '../../src/core/stages/faults.js';
import * as generated from '../../src/generated/outcomes.js';

/** The operations a scenario can name (`operation:`; enroll when absent): path and catalog of each. */
export const scenarioOperations = {
  enroll: { path: generated.enrollPath, catalog: generated.outcomes },
  'get-enroll': { path: generated.getEnrollPath, catalog: generated.getEnrollOutcomes },
  'delete-enroll': { path: generated.deleteEnrollPath, catalog: generated.deleteEnrollOutcomes },
  'generate-url': { path: generated.generateUrlPath, catalog: generated.generateUrlOutcomes },
  'get-result': { path: generated.getResultPath, catalog: generated.getResultOutcomes },
} as const;
export type ScenarioOperation = keyof typeof scenarioOperations;

/** A state-building step run through the same adapter before the request (journey scenarios). */
export type GivenStep =
  | { enroll: Record<string, unknown> }
  | { generate: Record<string, unknown> }
  | { complete: { result: 'PASS' | 'FAIL' | 'INCOMPLETE'; reason?: string } };

export const scenariosDir = fileURLToPath(new URL('../../fixtures/scenarios/', import.meta.url));
export const defaultRulesPath = fileURLToPath(new URL('../../fixtures/rules.yaml', import.meta.url));

/** The default token scenarios send unless they give their own headers. */
export const SCENARIO_TOKEN = 'scenario-token';

export interface Scenario {
  file: string;
  name: string;
  /** The operation the request goes to; enroll when absent, so the enroll files read as before. */
  operation?: ScenarioOperation;
  /** Steps that build the state first: enroll a face, generate a URL ($signatureId), complete it. */
  given?: GivenStep[];
  trigger: 'natural' | 'rule' | 'prefer';
  note?: string;
  /**
   * The adapter's options for this scenario alone (`rateLimit`, `fault`, `delay`, ...): each adapter runs it on a
   * mock of its own made with them (the CLI's flags parse into the same options).
   */
  options?: Record<string, unknown>;
  request: { headers?: Record<string, string>; body?: unknown; bodyText?: string };
  expect: EnvelopeExpectation | FaultExpectation;
}

export interface EnvelopeExpectation {
  outcome: string;
  status: number;
  code: string;
  message: string;
  /** Parts of `data` the answer must have ({ $length: N } for an array's length, { $matches: RE } for a string). */
  data?: unknown;
  /** The change in stored faces (default: 1 for an enroll SUCCESS, else 0). */
  storeChange?: number;
  /** The answer comes this many ms late at least (the `delay` option). */
  minLatencyMs?: number;
}

/** No envelope at all: the transport fault the adapter must express (answer.ts, faultAnswer). */
export interface FaultExpectation {
  fault: Fault;
  minLatencyMs?: number;
  storeChange?: number;
}

export const isFaultScenario = (scenario: Scenario): scenario is Scenario & { expect: FaultExpectation } => 'fault' in scenario.expect;
export const isEnvelopeScenario = (scenario: Scenario): scenario is Scenario & { expect: EnvelopeExpectation } =>
  !('fault' in scenario.expect);

/** Every scenario file in fixtures/scenarios/, in file order. */
export function loadScenarios(): Scenario[] {
  return readdirSync(scenariosDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, ...(parse(readFileSync(join(scenariosDir, file), 'utf8')) as Omit<Scenario, 'file'>) }));
}

export interface ConcreteRequest {
  /** The operation's path. */
  path: string;
  headers: Record<string, string>;
  bodyText: string;
  /** Give up after this many ms (a `hang` scenario); the adapter's send then rejects. */
  timeoutMs?: number;
}

/**
 * Turns a scenario's request into headers and body text: `{ $fixture: NAME, prefix? }` becomes the base64 of
 * fixtures/images/NAME, `{ $generated: NAME }` the base64 of a generated image, `{ $imageUrl: PATH }` a URL
 * on the test's image server.
 */
export function materialize(
  scenario: Pick<Scenario, 'request' | 'operation'>,
  imageServerUrl: string,
  saved: Record<string, string> = {},
): ConcreteRequest {
  const headers = scenario.request.headers ?? { 'X-ACCESS-TOKEN': SCENARIO_TOKEN };
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (typeof v.$fixture === 'string') return String(v.prefix ?? '') + readFileSync(join(imagesDir, v.$fixture)).toString('base64');
      if (typeof v.$generated === 'string') return generatedImage(v.$generated).toString('base64');
      if (typeof v.$imageUrl === 'string') return imageServerUrl + v.$imageUrl;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    }
    if (typeof value === 'string' && value.startsWith('$') && value.slice(1) in saved) return saved[value.slice(1)];
    return value;
  };
  const bodyText = scenario.request.bodyText ?? JSON.stringify(resolve(scenario.request.body));
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  const path = scenarioOperations[scenario.operation ?? 'enroll'].path;
  return { path, headers: hasType ? headers : { 'content-type': 'application/json', ...headers }, bodyText };
}

/**
 * The file scenarios, one forced scenario per example name (Prefer: example=NAME on a valid request) and one
 * per example name by a userId prefix of the default rules, so every adapter proves the natural and the forced
 * paths of every outcome.
 */
export function allScenarios(): Scenario[] {
  const forced: Scenario[] = outcomeNames.map((name) => ({
    file: `(generated) prefer-${name}`,
    name: `answers ${name} when Prefer: example=${name} forces it`,
    trigger: 'prefer',
    request: {
      headers: { 'X-ACCESS-TOKEN': SCENARIO_TOKEN, Prefer: `example=${name}` },
      body: { faceImage: { $fixture: 'face.jpg' }, userId: 'forced-user', region: 'PHL' },
    },
    expect: { outcome: name, status: outcomes[name].status, code: outcomes[name].code, message: outcomes[name].message },
  }));
  // And one per example name through the default rules, by the userId a tester types in an app's own UI.
  const byUserId: Scenario[] = outcomeNames.map((name) => ({
    file: `(generated) userid-${name}`,
    name: `answers ${name} for a userId starting "${name.toLowerCase()}." (default rules)`,
    trigger: 'rule',
    request: { body: { faceImage: { $fixture: 'face.jpg' }, userId: `${name.toLowerCase()}.tester`, region: 'PHL' } },
    expect: { outcome: name, status: outcomes[name].status, code: outcomes[name].code, message: outcomes[name].message },
  }));
  // The journey's operations: every example whose data is not state can be forced, on a valid-looking body.
  const journeyBodies: Record<Exclude<ScenarioOperation, 'enroll'>, unknown> = {
    'get-enroll': { userId: 'forced-user' },
    'delete-enroll': { userId: 'forced-user' },
    'generate-url': {
      returnUrl: 'https://app.example/ok',
      failReturnUrl: 'https://app.example/fail',
      callbackUrl: 'https://app.example/callback',
      userId: 'forced-user',
      region: 'PHL',
    },
    'get-result': { signatureId: '0000000000000000' },
  };
  const journeyForced: Scenario[] = Object.entries(journeyBodies).flatMap(([operation, body]) =>
    Object.entries(
      scenarioOperations[operation as ScenarioOperation].catalog as Record<
        string,
        { status: number; code: string; message: string; stateful?: boolean }
      >,
    )
      .filter(([name, known]) => !known.stateful && name !== 'CLIENT_ERROR')
      .map(([name, known]) => ({
        file: `(generated) ${operation} prefer-${name}`,
        name: `${operation} answers ${name} when Prefer: example=${name} forces it`,
        operation: operation as ScenarioOperation,
        trigger: 'prefer' as const,
        request: { headers: { 'X-ACCESS-TOKEN': SCENARIO_TOKEN, Prefer: `example=${name}` }, body },
        expect: { outcome: name, status: known.status, code: known.code, message: known.message },
      })),
  );
  return [...loadScenarios(), ...forced, ...byUserId, ...journeyForced];
}
