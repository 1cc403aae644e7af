import { defineContractSuite } from '../../src/contract/define-contract-suite.js';
import { startCli, type RunningCli } from '../support/start-cli.js';

/**
 * The `remote` target's code path, pointed at a local server that plays the vendor: --token issued with
 * its own key pair, a real target (mock-only cases skipped, userIds prefixed). Proves the token flow, the
 * base-URL switch and the header end to end without the internet.
 */
let cli: RunningCli;

defineContractSuite({
  name: 'remote-proof',
  reports: { json: 'reports/contract/remote-proof.json', markdown: 'reports/contract/remote-proof.md' },
  async start() {
    cli = await startCli(['--token', 'issued', '--access-key', 'proof-key', '--secret-key', 'proof-secret', '--rules', 'none']);
    return { baseUrl: cli.url, credentials: { accessKey: 'proof-key', secretKey: 'proof-secret' } };
  },
  async stop() {
    await cli.stop();
  },
});
