import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { enrollStages, issuedTokenStages } from '../../src/core/stages/enroll-stages.js';
import { enrollPath } from '../../src/generated/outcomes.js';

const spec = parse(readFileSync(new URL('../../spec/openapi.yaml', import.meta.url), 'utf8'));
const order = spec.paths[enrollPath].post['x-checks-order'] as {
  default: Array<{ stage: string; checks: string }>;
  'issued-token': string[];
};

describe("the spec's x-checks-order", () => {
  it('lists the enroll stages in the order the core runs them', () => {
    expect(order.default.map((s) => s.stage)).toEqual(enrollStages.map((s) => s.name));
  });

  it('says what each stage checks', () => {
    for (const { stage, checks } of order.default) expect([stage, typeof checks === 'string' && checks.length > 10]).toEqual([stage, true]);
  });

  it('lists the order with issued tokens, the token stage right after force', () => {
    expect(order['issued-token']).toEqual(issuedTokenStages.map((s) => s.name));
    expect(order['issued-token'].slice(0, 2)).toEqual(['force', 'token']);
  });
});
