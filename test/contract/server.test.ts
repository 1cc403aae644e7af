import { startCli, type RunningCli } from '../support/start-cli.js';
import { defineContractSuite } from './define-contract-suite.js';

let cli: RunningCli;

defineContractSuite({
  name: 'server',
  skip: null,
  real: false,
  async start() {
    cli = await startCli(['--require-token', '--seed', '5']);
    return { baseUrl: cli.url, accessKey: 'test-access-key', secretKey: 'test-secret-key' };
  },
  async stop() {
    await cli.stop();
  },
});
