import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { defaultRulesPath } from '../support/scenarios.js';
import { headersOf, runScenarioTable } from '../support/scenario-harness.js';

let server: MockServer;
let url: string;

// The rules come from the file here (the MSW and responder runs use the generated copy): both must agree.
runScenarioTable({
  name: 'the server over real HTTP on loopback',
  async start() {
    server = await createMockServer({ seed: 1, rules: defaultRulesPath, callback: { retries: 0 } });
    url = await server.listen(0);
  },
  async stop() {
    await server.close();
  },
  async send(request) {
    const response = await fetch(url + request.path, { method: 'POST', headers: request.headers, body: request.bodyText });
    return { status: response.status, headers: headersOf(response), bodyText: await response.text() };
  },
  storeCount: async () => server.store.count(),
  async complete(signatureId, completion) {
    const response = await fetch(`${url}/__admin/authentications/${signatureId}/complete`, {
      method: 'POST',
      body: JSON.stringify(completion),
    });
    if (response.status !== 200) throw new Error(await response.text());
  },
});
