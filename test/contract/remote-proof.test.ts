import { startCli, type RunningCli } from '../support/start-cli.js';
import { defineContractSuite } from './define-contract-suite.js';

/**
 * The `remote` target's code path, pointed at a local server that plays the vendor: --require-token with
 * its own key pair, cases marked real (mock-only ones skipped). Proves the token flow, the base-URL switch
 * and the header end to end without the internet.
 */
let cli: RunningCli;

defineContractSuite({
  name: 'remote-proof',
  skip: null,
  real: true,
  async start() {
    cli = await startCli(['--require-token', '--access-key', 'proof-key', '--secret-key', 'proof-secret', '--rules', 'none']);
    return { baseUrl: cli.url, accessKey: 'proof-key', secretKey: 'proof-secret' };
  },
  async stop() {
    await cli.stop();
  },
});
