import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { enrollPath, getResultPath, tokenPath } from '../generated/outcomes.js';
import { operationPaths } from '../responder/operations.js';
import { busyAnswer } from './body-slots.js';
import { createPrismEngine, type PrismEngine } from './create-prism-engine.js';
import { packageRoot } from '../node/package-root.js';
import { operationEnvelopeAnswer } from '../responder/operation-envelope.js';

let engine: PrismEngine;
beforeAll(async () => {
  engine = await createPrismEngine(join(packageRoot(), 'spec', 'openapi.yaml'));
});

/** The busy answer's JSON body at `path`. */
const busyBody = (path: string) => JSON.parse(busyAnswer(path, false, 2, '0123456789abcdef').body as string) as Record<string, unknown>;

const validate = (path: string) => {
  const answer = busyAnswer(path, false, 2, '0123456789abcdef');
  return engine.validate(path, 'post', { statusCode: answer.status, headers: answer.headers, body: JSON.parse(answer.body as string) });
};

it.each([...operationPaths])('answers a SERVICE_BUSY past the bodies cap that the spec accepts on %s', (path) => {
  expect(validate(path)).toEqual([]);
  expect(busyBody(path).code).toBe('SERVICE_BUSY');
});

/** The spec's SERVICE_BUSY example of the operation at `path`, as Prism loaded it. */
function specExample(path: string): Record<string, unknown> | undefined {
  const operation = engine.operations.find((op) => op.path === path && op.method === 'post');
  for (const response of operation?.responses ?? [])
    for (const content of response.contents ?? [])
      for (const example of content.examples ?? [])
        if (example.key === 'SERVICE_BUSY') return (example as { value: Record<string, unknown> }).value;
  return undefined;
}

it.each([...operationPaths])('answers the SERVICE_BUSY example of %s itself (all but its transactionId)', (path) => {
  const example = specExample(path);
  expect(example).toBeDefined();
  const body = busyBody(path);
  expect({ ...body, transactionId: example!.transactionId }).toEqual(example);
});

it('renders each operation its own envelope: pricingStrategy only where its schema has it', () => {
  const fields = (path: string) => Object.keys(busyBody(path)).sort();
  expect(fields(enrollPath)).toContain('pricingStrategy');
  expect(fields(tokenPath)).not.toContain('pricingStrategy');
  expect(fields(getResultPath)).not.toContain('pricingStrategy');
  expect(busyAnswer(tokenPath, false, 2, '0123456789abcdef').headers['retry-after']).toBe('1');
});

it.each([...operationPaths])('answers a CLIENT_ERROR for a body in tiny pieces that the spec accepts on %s', (path) => {
  const answer = operationEnvelopeAnswer(path, 'CLIENT_ERROR', 'the body came in thousands of pieces', '0123456789abcdef');
  const body = JSON.parse(answer.body as string) as Record<string, unknown>;
  expect(engine.validate(path, 'post', { statusCode: answer.status, headers: answer.headers, body })).toEqual([]);
  expect([answer.status, body['code']]).toEqual([400, 'CLIENT_ERROR']);
});
