import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, type RunningCli } from '../support/start-cli.js';

const run = promisify(execFile);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The indented shell block that starts with `first`, with the README's port swapped for the test's. */
function block(first: string, url: string): string {
  const start = readme.indexOf(first);
  if (start < 0) throw new Error(`README has no block starting with ${first}`);
  const lines = readme.slice(start).split('\n');
  const end = lines.findIndex((line, i) => i > 0 && !line.startsWith('      ') && !line.startsWith('    '));
  return lines
    .slice(0, end)
    .map((line) => line.replace(/^ {4}/, '').replace(/^#.*$/, ''))
    .join('\n')
    .replaceAll('http://127.0.0.1:4010', url);
}

describe('the README', () => {
  let cli: RunningCli;
  beforeAll(async () => {
    cli = await startCli();
  }, 30_000);
  afterAll(() => cli.stop());

  it('names the two commands', () => {
    expect(readme).toContain('    npm ci && npm start\n');
    expect(readme).toContain('    npm ci && npm test\n');
  });

  it('enrolls a fixture image with its curl example: SUCCESS', async () => {
    const script = block('body=$(mktemp)', cli.url);
    // A temporary file, not a fixed path that another user's file or a parallel run could hold.
    expect(script).not.toMatch(/\/tmp\//);
    const { stdout } = await run('bash', ['-c', script], { cwd: new URL('../..', import.meta.url) });
    expect(JSON.parse(stdout)).toMatchObject({ code: 'SUCCESS', message: 'OK', data: null, pricingStrategy: 'FREE' });
  });

  it('walks the journey with its curl example: PASS', async () => {
    const { stdout } = await run('bash', ['-c', block("H='Content-Type", cli.url)], { cwd: new URL('../..', import.meta.url) });
    expect(JSON.parse(stdout)).toMatchObject({ code: 'SUCCESS', data: { overallResult: 'PASS', errorCode: 'SUCCESS' } });
  });

  it('gets a token with its generate-token example', async () => {
    const { stdout } = await run('bash', ['-c', block('ts=$(date +%s%3N)', cli.url)]);
    expect(JSON.parse(stdout)).toMatchObject({ code: 'SUCCESS', data: { token: expect.any(String) } });
  });

  for (const command of [
    ['contract', '--help'],
    ['proxy', '--help'],
  ]) {
    it(`documents every flag that ${command.join(' ')} prints`, async () => {
      const { stdout } = await run(process.execPath, ['dist/bundle/cli.mjs', ...command]);
      const flags = [...stdout.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]!);
      expect(flags.length).toBeGreaterThan(5);
      expect(flags.filter((flag) => !readme.includes(`\`${flag}`))).toEqual([]);
    });
  }

  it('shows a CI job that runs the contract from the installed package only', () => {
    const section = readme.slice(readme.indexOf('## The contract check'), readme.indexOf('## Reliability'));
    const job = section.slice(section.indexOf('```yaml'), section.indexOf('```', section.indexOf('```yaml') + 3));
    expect(job).toContain('npx face-enroll-mock contract --base-url https://sg-api.advance.ai --junit ');
    expect(job).not.toContain('actions/checkout');
    expect(job).not.toContain('vitest run');
    expect(readme).toContain('    npx face-enroll-mock fixtures export DIR\n');
  });

  it('documents every CLI flag that serve --help prints', async () => {
    const { stdout } = await run(process.execPath, ['dist/bundle/cli.mjs', 'serve', '--help']);
    const flags = [...stdout.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]!);
    expect(flags.length).toBeGreaterThan(10);
    expect(flags.filter((flag) => !readme.includes(`\`${flag}`))).toEqual([]);
  });
});
