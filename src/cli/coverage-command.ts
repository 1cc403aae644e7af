import { formatCommandHelp, type CommandSpec } from './command-spec.js';
import { kitVersion, printError } from './cli-output.js';
import { httpUrl } from './flag-values.js';
import { parseCommandArgs } from './parse-command-args.js';

export const COVERAGE_COMMAND = {
  name: 'coverage',
  summary: 'print which outcomes a running server answered; fail when required ones were never seen',
  usage: 'coverage [--url URL] [--require NAME,NAME,...]',
  about: `Prints how many answers of a running mock server carried each operation's documented outcomes and faults
(GET /__admin/coverage), and exits 1 when a required one was never answered: add it after your app's tests. A
NAME counts on any operation documenting it; operation:NAME on that one (getEnroll:SUCCESS).`,
  flags: {
    url: { type: 'string', value: 'URL', help: 'the mock server (default http://127.0.0.1:4010)' },
    require: {
      type: 'string',
      value: 'NAMES',
      help: 'outcomes or faults (NAME or operation:NAME) that must have been answered, separated by commas',
    },
  },
} as const satisfies CommandSpec;

/** `face-enroll-mock coverage`: 0 every required outcome was answered, 1 one was not, 2 a usage error or no server. */
export async function coverageCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(COVERAGE_COMMAND, argv);
  if (!parsed.ok) return (printError('coverage', parsed.error), 2);
  if (parsed.help) return (process.stdout.write(formatCommandHelp(COVERAGE_COMMAND)), 0);
  if (parsed.version) return (process.stdout.write(kitVersion() + '\n'), 0);
  const checked = httpUrl('url', parsed.values.url ?? 'http://127.0.0.1:4010', 'http://127.0.0.1:4010');
  if (!checked.ok) return (printError('coverage', checked.error), 2);
  const url = checked.value.replace(/\/$/, '');
  const required = (parsed.values.require ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const { assertCoverage, formatCoverage } = await import('../responder/create-coverage.js');
  let report;
  try {
    const response = await fetch(`${url}/__admin/coverage`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    report = await response.json();
  } catch (error) {
    printError('coverage', `cannot read ${url}/__admin/coverage: ${(error as Error).message}. Is the mock server running there (--url)?`);
    return 2;
  }
  try {
    assertCoverage(report, required);
  } catch (error) {
    // The library's message names its function; the command's user typed --require, not assertCoverage.
    const message = (error as Error).message;
    const unknown = message.startsWith('assertCoverage: unknown');
    return (printError('coverage', unknown ? `--require: ${message.replace(/^assertCoverage: /, '')}` : message), unknown ? 2 : 1);
  }
  process.stdout.write(formatCoverage(report, required) + '\n');
  return 0;
}
