import { createResponder } from '../../src/responder/create-responder.js';
import { runScenarioTable } from '../support/scenario-harness.js';

// The isomorphic responder itself, with no adapter around it: what both adapters translate.
const responder = createResponder({ seed: 1, callback: { retries: 0 } });

runScenarioTable({
  name: 'the responder (no adapter)',
  async send(request) {
    const { answer } = await responder.respond({ method: 'POST', ...request });
    if (answer.kind !== 'http' || typeof answer.body !== 'string')
      throw new Error(`a scenario was answered with ${answer.kind}, not JSON text`);
    return { status: answer.status, headers: answer.headers, bodyText: answer.body };
  },
  storeCount: async () => responder.store.count(),
  async complete(signatureId, completion) {
    const outcome = await responder.complete(signatureId, completion as Parameters<typeof responder.complete>[1]);
    if (!outcome.ok) throw new Error(outcome.error);
  },
});
