import { describe, expect, it } from 'vitest';
import { enrollPath, getEnrollPath, tokenPath } from '../generated/outcomes.js';
import { createResponder } from './create-responder.js';

const post = (path: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', 'x-access-token': 't', ...headers },
  bodyText: JSON.stringify({ userId: 'bob' }),
});

describe('the journal entry of an operation', () => {
  it("names the operation by its operationId and the answer's transactionId", async () => {
    const responder = createResponder({ seed: 5, rules: false });
    const { answer } = await responder.respond(post(getEnrollPath));
    const sent = JSON.parse(String((answer as { body: string }).body)).transactionId;
    const [entry] = responder.journal.list().requests;
    expect(entry).toMatchObject({ operation: 'getEnroll', transactionId: sent, outcome: 'SUCCESS', status: 200 });
  });

  it.each([
    ['gateway-502', 502],
    ['gateway-504', 504],
    ['malformed', 200],
    ['reset', 0],
  ] as const)('labels the fault %s with its name and the status the client received (%i)', async (fault, status) => {
    for (const path of [enrollPath, getEnrollPath, tokenPath]) {
      const responder = createResponder({ seed: 5, rules: false });
      const result = await responder.respond(post(path, { 'x-mock-fault': fault }));
      expect(result.log).toMatchObject({ outcome: fault, fault, status });
      const [entry] = responder.journal.list().requests;
      expect(entry).toMatchObject({ outcome: fault, fault, status });
      // No envelope reached the client: no transaction id to find it by.
      expect(entry).not.toHaveProperty('transactionId');
    }
  });
});
