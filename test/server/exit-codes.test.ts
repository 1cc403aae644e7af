import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/start-cli.js';

const root = new URL('../../', import.meta.url);
const table = readFileSync(new URL('docs/exit-codes.md', root), 'utf8');
const rows = table
  .split('\n')
  .filter((line) => /^\| [^-|]/.test(line) && !line.startsWith('| Command'))
  .map((line) => {
    const [command, exit] = line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim());
    return { command: command!, exit: Number(exit) };
  });

/** The test that proves each row of the table (the shipped doc names no test files). */
const proofs: Record<string, [file: string, title: string]> = {
  'serve 0': ['test/server/cli.test.ts', 'answers a request still running at SIGTERM within the grace period, then exits'],
  'serve 1': ['test/server/cli.test.ts', 'says the port is taken and how to pick another'],
  'serve 2': ['test/server/exit-codes.test.ts', 'exits 2 for a rules file that cannot be read or is invalid, with the same words'],
  'proxy 0': ['test/server/proxy-ci.test.ts', '--fail-on-violation exits 0 when every answer conformed'],
  'proxy 1': [
    'test/server/proxy-ci.test.ts',
    '--fail-on-violation exits 1 at shutdown after a violation, and --report writes the violations',
  ],
  'proxy 2': ['test/server/exit-codes.test.ts', 'exits 2 for a proxy with no upstream'],
  'coverage 0': [
    'test/server/admin-qa.test.ts',
    'fails the coverage command when a required outcome was never answered, and passes when it was',
  ],
  'coverage 1': [
    'test/server/admin-qa.test.ts',
    'fails the coverage command when a required outcome was never answered, and passes when it was',
  ],
  'coverage 2': ['test/server/exit-codes.test.ts', 'exits 2 for coverage with no server at --url'],
  'contract 0': [
    'test/contract/contract-command.test.ts',
    "checks the kit's own in-process server without --base-url: every case runs and passes",
  ],
  'contract 1': ['test/contract/contract-command.test.ts', 'exits 1 and names the case in JUnit and Markdown'],
  'contract 2': ['test/contract/contract-command.test.ts', 'exits 2 for a --base-url without credentials, instead of skipping every case'],
  'fixtures 0': [
    'test/contract/contract-command.test.ts',
    'runs the URL cases from the files of fixtures export, served by a static host (--image-base-url)',
  ],
  'fixtures 2': ['test/server/exit-codes.test.ts', 'exits 2 for fixtures export into a directory it cannot write'],
  '(any other word) 2': ['test/server/exit-codes.test.ts', 'exits 2 for an unknown command'],
};

const tmp = mkdtempSync(join(tmpdir(), 'exit-codes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A loopback port nothing listens on: taken from the system, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('docs/exit-codes.md', () => {
  it('has a test for each row, and a row for each test named here', () => {
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => `${r.command} ${r.exit}`).sort()).toEqual(Object.keys(proofs).sort());
    for (const [row, [file, title]] of Object.entries(proofs)) {
      const source = readFileSync(new URL(file, root), 'utf8');
      expect(source.includes(`'${title}'`) || source.includes(`"${title}"`), `${row}: ${file} has no test "${title}"`).toBe(true);
    }
  });

  it('has a row for 0 and for 2 of every command --help lists', async () => {
    const { stdout } = await runCli(['--help']);
    const commands = stdout
      .split('\n')
      .filter((line) => /^ {2}[a-z]+ {2,}\S/.test(line))
      .map((line) => line.trim().split(/\s+/)[0]!);
    expect(commands.length).toBeGreaterThan(3);
    for (const command of commands)
      for (const exit of [0, 2])
        expect(
          rows.some((r) => r.command === command && r.exit === exit),
          `${command} ${exit}`,
        ).toBe(true);
  });
});

describe('exit codes', () => {
  it('exits 2 for a rules file that cannot be read or is invalid, with the same words', async () => {
    const broken = join(tmp, 'broken.yaml');
    writeFileSync(broken, 'rules:\n  - outcome: NOPE\n');
    const invalid = await runCli(['serve', '--rules', broken, '--port', '0']);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^face-enroll-mock serve: the rules file is invalid:\n {2}.*broken\.yaml: rule 1: `outcome: NOPE`/);
    const missing = await runCli(['serve', '--rules', join(tmp, 'absent.yaml'), '--port', '0']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^face-enroll-mock serve: cannot read the rules file .*absent\.yaml: ENOENT/);
  });

  it('exits 2 for a proxy with no upstream', async () => {
    expect((await runCli(['proxy'])).code).toBe(2);
  });

  it('exits 2 for coverage with no server at --url', async () => {
    const run = await runCli(['coverage', '--url', `http://127.0.0.1:${await closedPort()}`]);
    expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(/Is the mock server running there \(--url\)\?/)]);
  });

  it('exits 2 for fixtures export into a directory it cannot write', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, '');
    const run = await runCli(['fixtures', 'export', join(file, 'images')]);
    expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(/^face-enroll-mock fixtures: cannot write into /)]);
  });

  it('exits 2 for an unknown command', async () => {
    const run = await runCli(['covrage']);
    expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(/unknown command "covrage": did you mean coverage\?/)]);
  });
});
