import { createMockServer, type MockServer, type ServerOptions } from '../../src/server/create-mock-server.js';
import { defaultRulesPath, type ConcreteRequest } from '../support/scenarios.js';
import { headersOf, runScenarioTable, type ScenarioTarget } from '../support/scenario-harness.js';

let server: MockServer;
const OPTIONS: ServerOptions = { seed: 1, rules: defaultRulesPath, callback: { retries: 0 } };

function targetOf(server: () => MockServer, url: () => string): ScenarioTarget {
  return {
    async send(request: ConcreteRequest) {
      const response = await fetch(url() + request.path, {
        method: 'POST',
        headers: request.headers,
        body: request.bodyText,
        ...(request.timeoutMs ? { signal: AbortSignal.timeout(request.timeoutMs) } : {}),
      });
      return { status: response.status, headers: headersOf(response), bodyText: await response.text() };
    },
    storeCount: async () => server().store.count(),
    async complete(signatureId, completion) {
      const response = await fetch(`${url()}/__admin/authentications/${signatureId}/complete`, {
        method: 'POST',
        body: JSON.stringify(completion),
      });
      if (response.status !== 200) throw new Error(await response.text());
    },
  };
}

let url: string;

// The rules come from the file here (the MSW and responder runs use the generated copy): both must agree.
runScenarioTable({
  name: 'the server over real HTTP on loopback',
  async start() {
    server = await createMockServer(OPTIONS);
    url = await server.listen(0);
  },
  async stop() {
    await server.close();
  },
  ...targetOf(
    () => server,
    () => url,
  ),
  // A server of its own, started with the scenario's options (what the CLI's flags parse into).
  async withOptions(options) {
    const own = await createMockServer({ ...OPTIONS, ...options });
    const ownUrl = await own.listen(0);
    return {
      ...targetOf(
        () => own,
        () => ownUrl,
      ),
      stop: () => own.close(),
    };
  },
});
