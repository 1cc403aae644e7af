import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

/**
 * A fresh process imports the built entry (dist/, built for the run by test/support/global-setup.ts) as a user's
 * test does, and prints the packages loaded after each step. CommonJS packages land in require's cache however
 * they are loaded: yaml itself, and graphql, which msw 2's main entry loads and msw/node does not.
 */
const script = `
  import { createRequire } from 'node:module';
  const require = createRequire(import.meta.url);
  const packages = () => [...new Set(Object.keys(require.cache).map((file) => /node_modules\\/([^/]+)\\//.exec(file)?.[1]))].filter(Boolean).sort();
  const steps = {};
  const node = await import('face-enroll-mock/node');
  steps.imported = packages();
  const handlers = node.createHandlers();
  steps.mockMade = packages();
  node.loadRulesFile('fixtures/rules.yaml');
  steps.rulesRead = packages();
  const msw = await import('msw');
  steps.sameMsw = handlers.every((handler) => handler instanceof msw.HttpHandler);
  console.log(JSON.stringify(steps));
`;

describe('importing face-enroll-mock/node', () => {
  it("loads neither msw's main entry nor yaml until a mock is made or a rules file is read", async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    const steps = JSON.parse(stdout) as Record<'imported' | 'mockMade' | 'rulesRead', string[]> & { sameMsw: boolean };
    expect(steps.imported).not.toContain('graphql');
    expect(steps.imported).not.toContain('yaml');
    expect(steps.mockMade).toContain('graphql');
    expect(steps.mockMade).not.toContain('yaml');
    expect(steps.rulesRead).toContain('yaml');
    // The handlers come from the msw module the test's own import('msw') gets, not from a second copy of it.
    expect(steps.sameMsw).toBe(true);
  });
});
