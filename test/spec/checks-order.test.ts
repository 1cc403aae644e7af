import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { issuedTokenFirst } from '../../src/core/stages/token-stage.js';
import { createResponder } from '../../src/responder/create-responder.js';
import { operations } from '../../src/responder/operations.js';
import { enrollPath } from '../../src/generated/outcomes.js';

const spec = parse(readFileSync(new URL('../../spec/openapi.yaml', import.meta.url), 'utf8'));
type Order = string[] | { default: Array<{ stage: string; checks: string }>; 'issued-token': string[] };
const orderOf = (path: string) => spec.paths[path].post['x-checks-order'] as Order | undefined;
const names = (order: Order | undefined) =>
  order === undefined ? undefined : Array.isArray(order) ? order : order.default.map((s) => s.stage);

describe("the spec's x-checks-order", () => {
  it.each([...operations.values()].map((op) => [op.operationId, op] as const))(
    'lists the stages of %s in the order the operation runs them',
    (operationId, operation) => {
      expect(spec.paths[operation.path].post.operationId).toBe(operationId);
      expect(names(orderOf(operation.path))).toEqual(operation.stages.map((s) => s.name));
    },
  );

  it('says what each enroll stage checks', () => {
    const order = orderOf(enrollPath) as Exclude<Order, string[]>;
    for (const { stage, checks } of order.default) expect([stage, typeof checks === 'string' && checks.length > 10]).toEqual([stage, true]);
  });

  it('lists the enroll order with issued tokens, the token stage right after force', () => {
    const operation = operations.get(enrollPath)!;
    const order = orderOf(enrollPath) as Exclude<Order, string[]>;
    expect(order['issued-token']).toEqual(issuedTokenFirst(operation.stages, 'issued').map((s) => s.name));
    expect(order['issued-token'].slice(0, 2)).toEqual(['force', 'token']);
  });
});

/** A request that fails two stages at once: the one listed first must answer, on every operation that has both. */
describe('the order each operation runs its stages in', () => {
  const tokenChecked = [...operations.values()].filter((op) => op.stages.some((s) => s.name === 'token'));

  it.each(tokenChecked.map((op) => [op.operationId, op.path] as const))(
    '%s answers the Prefer example before it checks the missing token',
    async (_operationId, path) => {
      const responder = createResponder({ seed: 1 });
      const result = await responder.respond({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', prefer: 'example=SERVICE_BUSY' },
        bodyText: '{}',
      });
      expect(result.log).toMatchObject({ outcome: 'SERVICE_BUSY', stage: 'prefer' });
    },
  );

  it.each(tokenChecked.map((op) => [op.operationId, op.path] as const))(
    '%s checks the token before Prefer when only issued tokens are accepted',
    async (_operationId, path) => {
      const responder = createResponder({ seed: 1, token: 'issued' });
      const result = await responder.respond({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', prefer: 'example=SERVICE_BUSY', 'x-access-token': 'made-up' },
        bodyText: '{}',
      });
      expect(result.log).toMatchObject({ outcome: 'IAM_FAILED', stage: 'token' });
    },
  );

  it('generateToken answers the Prefer example before it reads the body', async () => {
    const responder = createResponder({ seed: 1 });
    const path = [...operations.values()].find((op) => op.operationId === 'generateToken')!.path;
    const result = await responder.respond({ method: 'POST', path, headers: { prefer: 'example=ACCOUNT_DISABLED' }, bodyText: 'not json' });
    expect(result.log).toMatchObject({ outcome: 'ACCOUNT_DISABLED', stage: 'prefer' });
  });
});
