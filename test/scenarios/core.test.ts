import { createResponder } from '../../src/responder/create-responder.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { runScenarioTable } from '../support/scenario-harness.js';

// The isomorphic responder itself, with no adapter around it: what both adapters translate.
const responder = createResponder({ seed: 1 });

runScenarioTable({
  name: 'the responder (no adapter)',
  async send(request) {
    const { answer } = await responder.respond({ method: 'POST', path: enrollPath, ...request });
    if (answer.kind !== 'http') throw new Error(`a scenario was answered with the fault ${answer.kind}`);
    return { status: answer.status, headers: answer.headers, bodyText: answer.body };
  },
  storeCount: async () => responder.store.count(),
});
