import { defineContractSuite } from '../../src/contract/define-contract-suite.js';
import { startCli, type RunningCli } from '../support/start-cli.js';

let cli: RunningCli;

// The CLI's server with its default rules: a mock target (every case), userIds as the table writes them.
defineContractSuite({
  name: 'server',
  mode: 'mock',
  userPrefix: '',
  reports: { json: 'reports/contract/server.json', markdown: 'reports/contract/server.md' },
  async start() {
    cli = await startCli(['--token', 'issued', '--seed', '5']);
    return { baseUrl: cli.url, credentials: { accessKey: 'test-access-key', secretKey: 'test-secret-key' } };
  },
  async stop() {
    await cli.stop();
  },
});
