import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { enrollPath } from '../../src/generated/outcomes.js';
import { defaultRulesPath } from '../support/scenarios.js';
import { headersOf, runScenarioTable } from '../support/scenario-harness.js';

let server: MockServer;
let url: string;

// The rules come from the file here (the MSW and responder runs use the generated copy): both must agree.
runScenarioTable({
  name: 'the server over real HTTP on loopback',
  async start() {
    server = await createMockServer({ seed: 1, rules: defaultRulesPath });
    url = await server.listen(0);
  },
  async stop() {
    await server.close();
  },
  async send(request) {
    const response = await fetch(url + enrollPath, { method: 'POST', headers: request.headers, body: request.bodyText });
    return { status: response.status, headers: headersOf(response), bodyText: await response.text() };
  },
  storeCount: async () => server.store.count(),
});
