import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedImage } from './generated-images.js';
import { imagesDir } from './image-server.js';
import { outcomeNames, outcomes } from '../../src/core/envelope/outcome-catalog.js';
import type { EnvelopeExpectation, FaultExpectation, Scenario } from '../../src/contract/contract-case.js';
import { contractOperations, type ContractOperation } from '../../src/contract/contract-operations.js';
import { loadScenarios } from '../../src/contract/load-contract-cases.js';
import { materializeCase, SCENARIO_TOKEN } from '../../src/contract/materialize-case.js';

export const defaultRulesPath = fileURLToPath(new URL('../../fixtures/rules.yaml', import.meta.url));

export const isFaultScenario = (scenario: Scenario): scenario is Scenario & { expect: FaultExpectation } => 'fault' in scenario.expect;
export const isEnvelopeScenario = (scenario: Scenario): scenario is Scenario & { expect: EnvelopeExpectation } =>
  !('fault' in scenario.expect);

export interface ConcreteRequest {
  /** The operation's path. */
  path: string;
  headers: Record<string, string>;
  bodyText: string;
  /** Give up after this many ms (a `hang` scenario); the adapter's send then rejects. */
  timeoutMs?: number;
}

/**
 * A scenario's request as the contract command's engine materialises it, with the test images: `$fixture` from
 * fixtures/images, `$generated` from the test's generated images, `$imageUrl` on the test's image server; the
 * placeholder token is sent as it is (the mocks under test accept any token).
 */
export async function scenarioRequest(
  scenario: Pick<Scenario, 'request' | 'operation'>,
  imageServerUrl: string,
  saved: Record<string, string> = {},
): Promise<ConcreteRequest> {
  const request = await materializeCase(
    scenario,
    {
      images: {
        bytes: (ref) => ('fixture' in ref ? readFileSync(join(imagesDir, ref.fixture)) : generatedImage(ref.generated)),
        url: (path) => ({ url: imageServerUrl + path }),
      },
      userPrefix: '',
      token: SCENARIO_TOKEN,
    },
    saved,
  );
  if ('skip' in request) throw new Error(`the scenario cannot be sent: ${request.skip}`);
  return { path: contractOperations[scenario.operation ?? 'enroll'].path, headers: request.headers, bodyText: request.bodyText };
}

/**
 * The file scenarios, one forced scenario per example name (Prefer: example=NAME on a valid request) and one
 * per example name by a userId prefix of the default rules, so every adapter proves the natural and the forced
 * paths of every outcome.
 */
export function allScenarios(): Scenario[] {
  const forced: Scenario[] = outcomeNames.map((name) => ({
    id: `(generated) prefer-${name}`,
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
    id: `(generated) userid-${name}`,
    name: `answers ${name} for a userId starting "${name.toLowerCase()}." (default rules)`,
    trigger: 'rule',
    request: { body: { faceImage: { $fixture: 'face.jpg' }, userId: `${name.toLowerCase()}.tester`, region: 'PHL' } },
    expect: { outcome: name, status: outcomes[name].status, code: outcomes[name].code, message: outcomes[name].message },
  }));
  // The journey's operations: every example whose data is not state can be forced, on a valid-looking body.
  const journeyBodies: Record<Exclude<ContractOperation, 'enroll'>, unknown> = {
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
      contractOperations[operation as ContractOperation].catalog as Record<
        string,
        { status: number; code: string; message: string; stateful?: boolean }
      >,
    )
      .filter(([name, known]) => !known.stateful && name !== 'CLIENT_ERROR')
      .map(([name, known]) => ({
        id: `(generated) ${operation} prefer-${name}`,
        name: `${operation} answers ${name} when Prefer: example=${name} forces it`,
        operation: operation as ContractOperation,
        trigger: 'prefer' as const,
        request: { headers: { 'X-ACCESS-TOKEN': SCENARIO_TOKEN, Prefer: `example=${name}` }, body },
        expect: { outcome: name, status: known.status, code: known.code, message: known.message },
      })),
  );
  return [...loadScenarios(), ...forced, ...byUserId, ...journeyForced];
}
