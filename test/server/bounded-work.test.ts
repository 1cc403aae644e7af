import { describe, expect, it } from 'vitest';
import { createResponder } from '../../src/responder/create-responder.js';
import { enrollPath, generateUrlPath, tokenPath } from '../../src/generated/outcomes.js';

// The work per request is bounded. Every JSON body an operation reads (enroll, token,
// the journey's, the H5 completion, the admin API) is refused before JSON.parse past 64 levels or 10,000 values:
// 8 MiB of keys or of `[` cost JSON.parse a second or more.

const MiB = 1024 * 1024;
const manyKeys = `{${Array.from({ length: 700_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
const deep = '['.repeat(8 * MiB);

describe('JSON bodies past the bounds are refused unparsed', () => {
  const responder = createResponder({ seed: 1 });
  const post = (path: string, bodyText: string) =>
    responder.respond({ method: 'POST', path, headers: { 'x-access-token': 't', 'content-type': 'application/json' }, bodyText });
  const lastDetail = () => responder.journal.list().requests.at(-1)!.detail;

  it('enroll: 700,000 keys answer PARAMETER_ERROR with the bound named', async () => {
    await post(enrollPath, manyKeys);
    expect(lastDetail()).toBe('the body holds more than 10000 values');
  });

  it('generate-url (the journey frame): 8 MiB of nesting, and 700,000 keys', async () => {
    await post(generateUrlPath, deep);
    expect(lastDetail()).toBe('the body nests deeper than 64 levels');
    await post(generateUrlPath, manyKeys);
    expect(lastDetail()).toBe('the body holds more than 10000 values');
  });

  it('generate-token: 8 MiB of nesting', async () => {
    const decision = await responder.tokens.decide(deep);
    expect([decision.outcome, decision.detail]).toEqual(['CLIENT_ERROR', 'the body nests deeper than 64 levels']);
    expect((await post(tokenPath, manyKeys)).log?.outcome).toBe('CLIENT_ERROR');
  });

  it('the H5 completion and the admin API: 8 MiB of nesting', async () => {
    const { answer } = await responder.respond({ method: 'POST', path: '/__admin/authentications/x/complete', bodyText: deep });
    expect(answer.kind === 'http' && String(answer.body)).toContain('nests deeper than 64 levels');
    const rules = await responder.respond({ method: 'POST', path: '/__admin/rules', bodyText: manyKeys });
    expect(rules.answer.kind === 'http' && String(rules.answer.body)).toContain('holds more than 10000 values');
  });

  it('the completion echoes no long value it refuses', async () => {
    const { answer } = await responder.respond({
      method: 'POST',
      path: '/__admin/authentications/x/complete',
      bodyText: JSON.stringify({ result: 'R'.repeat(100_000) }),
    });
    expect(answer.kind === 'http' && String(answer.body).length).toBeLessThan(500);
  });
});
