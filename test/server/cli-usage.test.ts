import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/start-cli.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const firstLine = (text: string) => text.split('\n')[0];

describe('face-enroll-mock --help and --version', () => {
  it('lists every command with one line each', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    const commands = stdout
      .split('\n')
      .filter((line) => /^ {2}[a-z]+ {2,}\S/.test(line))
      .map((line) => line.trim().split(/\s+/)[0]);
    expect(commands).toEqual(['serve', 'proxy', 'coverage', 'contract', 'fixtures']);
  });

  it.each([
    ['serve', 'serve [options]', ['--port N', '--rules FILE|none', '--log-format FORMAT', '--callback-retries N']],
    ['proxy', 'proxy --upstream URL [options]', ['--upstream URL', '--fail-on-violation', '--record DIR', '--log-format FORMAT']],
    ['coverage', 'coverage [--url URL] [--require NAME,NAME,...]', ['--url URL', '--require NAMES']],
    ['contract', 'contract [options]', ['--base-url URL', '--junit FILE', '--only PATTERN']],
    ['fixtures', 'fixtures export DIR', ['fixtures export DIR']],
  ])('shows the options of %s with --help', async (command, usage, shown) => {
    const { code, stdout } = await runCli([command, '--help']);
    expect([code, firstLine(stdout)]).toEqual([0, `Usage: face-enroll-mock ${usage}`]);
    for (const text of shown) expect(stdout).toContain(text);
  });

  it.each([['--version'], ['-v'], ['serve', '--version']])('prints the package version for %s', async (...args) => {
    expect(await runCli(args)).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('face-enroll-mock usage errors: one line naming the input, exit 2', () => {
  it.each([
    [
      ['serve', '--prot', '4010'],
      'face-enroll-mock serve: unknown option --prot: did you mean --port? Run "face-enroll-mock serve --help" for its options.',
    ],
    [
      ['--log-levl', 'debug'],
      'face-enroll-mock serve: unknown option --log-levl: did you mean --log-level? Run "face-enroll-mock serve --help" for its options.',
    ],
    [
      ['serve', '-p', '4010'],
      'face-enroll-mock serve: unknown option -p: did you mean --port, --private-urls or --public-url? Run "face-enroll-mock serve --help" for its options.',
    ],
    [
      ['serve', '--frobnicate'],
      'face-enroll-mock serve: unknown option --frobnicate. Run "face-enroll-mock serve --help" for its options.',
    ],
    [['serve', '--port', '-1'], 'face-enroll-mock serve: --port must be a whole number from 0 to 65535 (0 picks a free one), got "-1"'],
    [['serve', '--port', 'abc'], 'face-enroll-mock serve: --port must be a whole number from 0 to 65535 (0 picks a free one), got "abc"'],
    [
      ['serve', '--port', '70000'],
      'face-enroll-mock serve: --port must be a whole number from 0 to 65535 (0 picks a free one), got "70000"',
    ],
    [['serve', '--port', '--host', '::1'], 'face-enroll-mock serve: --port needs a value, got the option --host instead: write --port N'],
    [['serve', '--strict=yes'], 'face-enroll-mock serve: --strict takes no value, got "yes": write --strict alone'],
    [
      ['serve', 'now'],
      'face-enroll-mock serve: unexpected argument "now": serve takes options only. Run "face-enroll-mock serve --help" for its options.',
    ],
    [['srve'], 'face-enroll-mock: unknown command "srve": did you mean serve? Run "face-enroll-mock --help" for the commands.'],
    [['launch'], 'face-enroll-mock: unknown command "launch". Run "face-enroll-mock --help" for the commands.'],
    [
      ['proxy', '--upstreem', 'http://127.0.0.1:9'],
      'face-enroll-mock proxy: unknown option --upstreem: did you mean --upstream? Run "face-enroll-mock proxy --help" for its options.',
    ],
    [
      ['proxy', '--upstream', 'http://127.0.0.1:9', '--port', '-1'],
      'face-enroll-mock proxy: --port must be a whole number from 0 to 65535 (0 picks a free one), got "-1"',
    ],
    [
      ['proxy', '--upstream', 'http://127.0.0.1:9', '--log-format', 'text'],
      'face-enroll-mock proxy: --log-format must be one of auto, json, pretty, got "text"',
    ],
    [
      ['serve', '--fault', 'gateway502'],
      'face-enroll-mock serve: --fault must be one of reset, hang, malformed, gateway-502, gateway-504, got "gateway502": did you mean gateway-502?',
    ],
    [
      ['proxy'],
      'face-enroll-mock proxy: --upstream is required: write --upstream URL, the API to forward to (for example https://sg-api.advance.ai)',
    ],
    [
      ['coverage', '--requre', 'SUCCESS'],
      'face-enroll-mock coverage: unknown option --requre: did you mean --require? Run "face-enroll-mock coverage --help" for its options.',
    ],
    [['contract', '--junit'], 'face-enroll-mock contract: --junit needs a value: write --junit FILE'],
    [['fixtures', 'exprot', 'out'], 'face-enroll-mock fixtures: the subcommand must be export, got "exprot": write fixtures export DIR'],
  ])('%j', async (args, line) => {
    const { code, stderr, stdout } = await runCli(args);
    expect([code, firstLine(stderr)]).toEqual([2, line]);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });

  it('reads PORT from the environment with the same check, naming the variable', async () => {
    const { code, stderr } = await runCli(['serve'], { PORT: 'eighty' });
    expect([code, firstLine(stderr)]).toEqual([
      2,
      'face-enroll-mock serve: PORT must be a whole number from 0 to 65535 (0 picks a free one), got "eighty"',
    ]);
  });
});
