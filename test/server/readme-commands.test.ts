import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRules } from '../../src/core/rules/parse-rules.js';
import { startCli, type RunningCli } from '../support/start-cli.js';

const run = promisify(execFile);
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const journey = read('docs/journey.md');
const serverGuide = read('docs/server-and-cli.md');
const qaGuide = read('docs/qa-and-console.md');
const contractGuide = read('docs/contract-and-ci.md');
/** Where a user looks up a flag: the README and the guides of the commands. */
const everyGuide = [readme, serverGuide, qaGuide, contractGuide].join('\n');

/** The indented shell block of `doc` that starts with `first`, with the docs' port swapped for the test's. */
function block(doc: string, first: string, url: string): string {
  const start = doc.indexOf(first);
  if (start < 0) throw new Error(`the doc has no block starting with ${first}`);
  const lines = doc.slice(start).split('\n');
  const end = lines.findIndex((line, i) => i > 0 && !line.startsWith('      ') && !line.startsWith('    '));
  return lines
    .slice(0, end)
    .map((line) => line.replace(/^ {4}/, '').replace(/^#.*$/, ''))
    .join('\n')
    .replaceAll('http://127.0.0.1:4010', url);
}

describe('the README and the guides', () => {
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
    const script = block(readme, 'body=$(mktemp)', cli.url);
    // A temporary file, not a fixed path that another user's file or a parallel run could hold.
    expect(script).not.toMatch(/\/tmp\//);
    const { stdout } = await run('bash', ['-c', script], { cwd: new URL('../..', import.meta.url) });
    expect(JSON.parse(stdout)).toMatchObject({ code: 'SUCCESS', message: 'OK', data: null, pricingStrategy: 'FREE' });
  });

  it('walks the journey with its curl example: PASS, the face listed, then deleted', async () => {
    const { stdout } = await run('bash', ['-c', block(journey, "H='Content-Type", cli.url)], { cwd: new URL('../..', import.meta.url) });
    const [result, listed, deleted] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(result).toMatchObject({ code: 'SUCCESS', data: { overallResult: 'PASS', errorCode: 'SUCCESS' } });
    expect(listed).toMatchObject({
      code: 'SUCCESS',
      data: { userId: 'user-2', imageUrlList: expect.arrayContaining([expect.stringContaining('/__mock/faces/')]) },
    });
    expect(deleted).toMatchObject({ code: 'SUCCESS', data: null });
  });

  it('gets a token with its generate-token example', async () => {
    const { stdout } = await run('bash', ['-c', block(serverGuide, 'ts=$(date +%s%3N)', cli.url)]);
    expect(JSON.parse(stdout)).toMatchObject({ code: 'SUCCESS', data: { token: expect.any(String) } });
  });

  it('lists every command that face-enroll-mock --help prints in its command-line table', async () => {
    const { stdout } = await run(process.execPath, ['dist/bundle/cli.mjs', '--help']);
    const commands = [...stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThanOrEqual(5);
    const table = serverGuide.slice(serverGuide.indexOf('## The command line'), serverGuide.indexOf('## The mock server'));
    expect(commands.filter((command) => !table.includes(`| \`face-enroll-mock ${command}\``))).toEqual([]);
    expect(table).toContain('--version');
  });

  for (const [command, least] of [
    ['contract', 5],
    ['proxy', 5],
    ['coverage', 2],
  ] as const) {
    it(`documents every flag that ${command} --help prints`, async () => {
      const { stdout } = await run(process.execPath, ['dist/bundle/cli.mjs', command, '--help']);
      const flags = [...stdout.matchAll(/^ {2}(?:-[a-z], )?(--[a-z-]+)/gm)]
        .map((m) => m[1]!)
        .filter((f) => f !== '--help' && f !== '--version');
      expect(flags.length).toBeGreaterThanOrEqual(least);
      expect(flags.filter((flag) => !everyGuide.includes(`\`${flag}`))).toEqual([]);
    });
  }

  it('shows a rules file the kit accepts, using every key a rule takes', () => {
    const section = qaGuide.slice(qaGuide.indexOf('## Fixture rules'), qaGuide.indexOf('## Admin API'));
    const yaml = section.slice(section.indexOf('```yaml') + 7, section.indexOf('```', section.indexOf('```yaml') + 7));
    const parsed = parseRules(yaml.replace('"<64 hex>"', 'a'.repeat(64)), 'docs/qa-and-console.md');
    expect(parsed.ok ? 'ok' : parsed.errors).toBe('ok');
    const keys = new Set(parsed.ok ? parsed.rules.flatMap((rule) => Object.keys(rule)) : []);
    expect([...keys].sort()).toEqual([
      'authentication',
      'delay',
      'description',
      'fault',
      'match',
      'name',
      'outcome',
      'probability',
      'sequence',
      'times',
    ]);
  });

  it('shows a CI job that runs the contract from the installed package only', () => {
    const section = contractGuide.slice(contractGuide.indexOf('## In CI'));
    const job = section.slice(section.indexOf('```yaml'), section.indexOf('```', section.indexOf('```yaml') + 3));
    // The kit comes from the registry; the checkout is the user's own repository, for its contract-baseline.json.
    expect(job).toContain('npm install --no-save face-enroll-mock');
    expect(job).toContain('npx face-enroll-mock contract --base-url https://sg-api.advance.ai ');
    expect(job).toContain('--baseline contract-baseline.json');
    expect(job).not.toContain('npm ci');
    expect(job).not.toContain('vitest run');
    expect(contractGuide).toContain('    npx face-enroll-mock fixtures export DIR\n');
  });

  it('documents every CLI flag that serve --help prints', async () => {
    const { stdout } = await run(process.execPath, ['dist/bundle/cli.mjs', 'serve', '--help']);
    const flags = [...stdout.matchAll(/^ {2}(?:-[a-z], )?(--[a-z-]+)/gm)].map((m) => m[1]!);
    expect(flags).toContain('--version');
    expect(flags.length).toBeGreaterThan(10);
    expect(flags.filter((flag) => !serverGuide.includes(`\`${flag}`))).toEqual([]);
  });
});
