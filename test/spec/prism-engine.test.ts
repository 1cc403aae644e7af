import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outcomeNames, outcomes } from '../../src/core/envelope/outcome-catalog.js';
import { renderEnvelope } from '../../src/core/envelope/render-envelope.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { diffSpecExamples } from '../../src/server/check-spec-examples.js';
import { createPrismEngine } from '../../src/server/create-prism-engine.js';

const answerOf = (name: (typeof outcomeNames)[number], transactionId = '0123456789abcdef') => ({
  statusCode: outcomes[name].status,
  headers: { 'content-type': 'application/json' },
  body: renderEnvelope(name, transactionId),
});

/** The Prism stages the server reaches by path (docs/decisions/0005-embedded-prism.md) still do their job. */
describe('the embedded Prism engine', async () => {
  const engine = await createPrismEngine('spec/openapi.yaml');

  it('finds every answer the kit renders, for every named example, within the spec', () => {
    for (const name of outcomeNames) expect([name, engine.validate(enrollPath, 'post', answerOf(name))]).toEqual([name, []]);
  });

  it('loads examples that agree with the catalog the kit renders from', () => {
    expect(diffSpecExamples(engine.operations)).toBeNull();
  });

  it('reports where an answer breaks the spec', () => {
    const answer = answerOf('SUCCESS', 'x'.repeat(65));
    const broken = { ...answer, body: { ...answer.body, code: 'NOT_A_CODE', pricingStrategy: 'PAID' } };
    const locations = engine.validate(enrollPath, 'post', broken).map((v) => v.location);
    expect(locations).toEqual(expect.arrayContaining(['body.code', 'body.transactionId', 'body.pricingStrategy']));
  });

  it('validates once per answer shape and reuses the verdict', () => {
    const good = answerOf('ERROR', 'a');
    expect(engine.validateShape('k1', enrollPath, 'post', good)).toEqual([]);
    // Same key: the first verdict stands (the shape is the same by construction).
    const different = { ...good, body: { ...good.body, code: 'NOT_A_CODE' } };
    expect(engine.validateShape('k1', enrollPath, 'post', different)).toEqual([]);
    expect(engine.validateShape('k2', enrollPath, 'post', different)).not.toEqual([]);
  });

  it('names the first example of another spec that disagrees with the catalog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    const changed = readFileSync('spec/openapi.yaml', 'utf8').replace('message: Region is wrong\n', 'message: Region is not right\n');
    writeFileSync(join(dir, 'openapi.yaml'), changed);
    const other = await createPrismEngine(join(dir, 'openapi.yaml'));
    expect(diffSpecExamples(other.operations)).toBe(
      `example REGION_WRONG of POST ${enrollPath} has message "Region is not right"; the kit answers "Region is wrong"`,
    );
  });
});
