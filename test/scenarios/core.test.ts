import { createResponder, type Responder } from '../../src/responder/create-responder.js';
import type { MockOptions } from '../../src/responder/mock-options.js';
import { runScenarioTable, type ScenarioTarget } from '../support/scenario-harness.js';

const OPTIONS: MockOptions = { seed: 1, callback: { retries: 0 } };

/** The responder's answer as the harness reads an adapter's: a reset fails at once, a hang when the client gives up. */
function targetOf(responder: Responder): ScenarioTarget {
  return {
    async send(request) {
      const { answer } = await responder.respond({ method: 'POST', ...request });
      if (answer.kind === 'reset') throw new Error('reset: no response');
      if (answer.kind === 'hang') {
        // The adapters hold a hang open until the client leaves (answer.ts); the request's timeout is that client.
        await new Promise((resolve) => setTimeout(resolve, request.timeoutMs ?? 2 ** 31 - 1));
        throw new Error('hang: no response');
      }
      if (typeof answer.body !== 'string') throw new Error('a scenario was answered with bytes, not JSON text');
      return { status: answer.status, headers: answer.headers, bodyText: answer.body };
    },
    storeCount: async () => responder.store.count(),
    async complete(signatureId, completion) {
      const outcome = await responder.complete(signatureId, completion as Parameters<Responder['complete']>[1]);
      if (!outcome.ok) throw new Error(outcome.error);
    },
  };
}

// The isomorphic responder itself, with no adapter around it: what both adapters translate.
runScenarioTable({
  name: 'the responder (no adapter)',
  ...targetOf(createResponder(OPTIONS)),
  async withOptions(options) {
    return { ...targetOf(createResponder({ ...OPTIONS, ...options })), stop: async () => undefined };
  },
});
