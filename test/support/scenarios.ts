import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { generatedImage } from './generated-images.js';
import { imagesDir } from './image-server.js';
import { outcomeNames, outcomes } from '../../src/core/index.js';

export const scenariosDir = fileURLToPath(new URL('../../fixtures/scenarios/', import.meta.url));
export const defaultRulesPath = fileURLToPath(new URL('../../fixtures/rules.yaml', import.meta.url));

/** The default token scenarios send unless they give their own headers. */
export const SCENARIO_TOKEN = 'scenario-token';

export interface Scenario {
  file: string;
  name: string;
  trigger: 'natural' | 'rule' | 'prefer';
  note?: string;
  request: { headers?: Record<string, string>; body?: unknown; bodyText?: string };
  expect: { outcome: string; status: number; code: string; message: string };
}

/** Every scenario file in fixtures/scenarios/, in file order. */
export function loadScenarios(): Scenario[] {
  return readdirSync(scenariosDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, ...(parse(readFileSync(join(scenariosDir, file), 'utf8')) as Omit<Scenario, 'file'>) }));
}

export interface ConcreteRequest {
  headers: Record<string, string>;
  bodyText: string;
}

/**
 * Turns a scenario's request into headers and body text: `{ $fixture: NAME, prefix? }` becomes the base64 of
 * fixtures/images/NAME, `{ $generated: NAME }` the base64 of a generated image, `{ $imageUrl: PATH }` a URL
 * on the test's image server.
 */
export function materialize(scenario: Scenario, imageServerUrl: string): ConcreteRequest {
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
    return value;
  };
  const bodyText = scenario.request.bodyText ?? JSON.stringify(resolve(scenario.request.body));
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return { headers: hasType ? headers : { 'content-type': 'application/json', ...headers }, bodyText };
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
  return [...loadScenarios(), ...forced, ...byUserId];
}
