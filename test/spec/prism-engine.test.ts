import { describe, expect, it } from 'vitest';
import { outcomeNames, outcomes } from '../../src/core/index.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { createPrismEngine } from '../../src/server/create-prism-engine.js';

/** The Prism stages the server reaches by path (docs/decisions/0005-embedded-prism.md) still do their job. */
describe('the embedded Prism engine', async () => {
  const engine = await createPrismEngine('spec/openapi.yaml');

  it('negotiates every named example from the spec, with the request values laid over it', () => {
    for (const name of outcomeNames) {
      const { status, code, message } = outcomes[name];
      const answer = engine.render(enrollPath, status, name, { transactionId: '0123456789abcdef', extra: null });
      expect(answer).toEqual({
        statusCode: status,
        headers: { 'content-type': 'application/json' },
        body: { code, message, data: null, extra: null, transactionId: '0123456789abcdef', pricingStrategy: 'FREE' },
      });
      expect(engine.validate(enrollPath, 'post', answer)).toEqual([]);
    }
  });

  it('refuses an example name the spec does not have', () => {
    expect(() => engine.render(enrollPath, 200, 'NOPE', { transactionId: 'x', extra: null })).toThrow(/NOPE/);
  });

  it('reports where an answer breaks the spec', () => {
    const answer = engine.render(enrollPath, 200, 'SUCCESS', { transactionId: 'x'.repeat(65), extra: null });
    const broken = { ...answer, body: { ...(answer.body as object), code: 'NOT_A_CODE', pricingStrategy: 'PAID' } };
    const locations = engine.validate(enrollPath, 'post', broken).map((v) => v.location);
    expect(locations).toEqual(expect.arrayContaining(['body.code', 'body.transactionId', 'body.pricingStrategy']));
  });

  it('validates once per answer shape and reuses the verdict', () => {
    const good = engine.render(enrollPath, 200, 'ERROR', { transactionId: 'a', extra: null });
    expect(engine.validateShape('k1', enrollPath, 'post', good)).toEqual([]);
    // Same key: the first verdict stands (the shape is the same by construction).
    const different = { ...good, body: { ...(good.body as object), code: 'NOT_A_CODE' } };
    expect(engine.validateShape('k1', enrollPath, 'post', different)).toEqual([]);
    expect(engine.validateShape('k2', enrollPath, 'post', different)).not.toEqual([]);
  });
});
