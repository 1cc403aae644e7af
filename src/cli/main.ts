#!/usr/bin/env node
import { enrollPath } from '../generated/outcomes.js';
import type { CommandSpec } from './command-spec.js';
import { kitVersion, printError } from './cli-output.js';
import { contractCommand, fixturesCommand } from './contract-command.js';
import { COVERAGE_COMMAND, coverageCommand } from './coverage-command.js';
import { keepHeapWhenIdle } from './keep-heap-when-idle.js';
import { CONTRACT_COMMAND, FIXTURES_COMMAND } from './parse-contract-args.js';
import { PROXY_COMMAND } from './parse-proxy-args.js';
import { parseServeArgs, SERVE_COMMAND, SERVE_USAGE } from './parse-serve-args.js';
import { proxyCommand } from './proxy-command.js';
import { suggestName } from '../core/text/suggest-name.js';

/**
 * Every command, one entry each: `face-enroll-mock --help` lists them by summary, and the first word of argv
 * picks one (none, or a flag first, is serve). A new command is one entry here with its CommandSpec.
 */
const COMMANDS: Array<{ spec: CommandSpec; run: (argv: string[]) => Promise<number> }> = [
  { spec: SERVE_COMMAND, run: serve },
  { spec: PROXY_COMMAND, run: proxyCommand },
  { spec: COVERAGE_COMMAND, run: coverageCommand },
  { spec: CONTRACT_COMMAND, run: contractCommand },
  { spec: FIXTURES_COMMAND, run: fixturesCommand },
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length)) + 2;
  return [
    'Usage: face-enroll-mock <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map(({ spec }) => `  ${spec.name.padEnd(width)}${spec.summary}`),
    '',
    'Options:',
    '  -h, --help     this text; after a command, its options (face-enroll-mock serve --help)',
    "  -v, --version  the kit's version",
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) {
    if (first === '--help' || first === '-h') return (process.stdout.write(usage()), 0);
    if (first === '--version' || first === '-v') return (process.stdout.write(kitVersion() + '\n'), 0);
    return serve(argv);
  }
  if (first === 'help') {
    const topic = COMMANDS.find((c) => c.spec.name === rest[0]);
    return topic ? topic.run(['--help']) : (process.stdout.write(usage()), 0);
  }
  const command = COMMANDS.find((c) => c.spec.name === first);
  if (command) return command.run(rest);
  const nearest = suggestName(first, [...COMMANDS.map((c) => c.spec.name), 'help']);
  printError(
    undefined,
    `unknown command "${first}"${nearest ? `: did you mean ${nearest}?` : '.'} Run "face-enroll-mock --help" for the commands.`,
  );
  return 2;
}

async function serve(args: string[]): Promise<number> {
  const parsed = parseServeArgs(args);
  if (!parsed.ok) return (printError('serve', parsed.error), 2);
  const { options, logLevel, logFormat, help, version } = parsed.args;
  if (help) return (process.stdout.write(SERVE_USAGE), 0);
  if (version) return (process.stdout.write(kitVersion() + '\n'), 0);

  keepHeapWhenIdle();
  // Loaded only to serve: --help and bad flags answer without paying for Prism's start-up.
  const [{ createMockServer }, { createLogger }] = await Promise.all([
    import('../server/create-mock-server.js'),
    import('../server/create-logger.js'),
  ]);
  const log = createLogger(logLevel, logFormat);
  let mock;
  try {
    mock = await createMockServer({ ...options, logger: log });
  } catch (error) {
    printError('serve', (error as Error).message);
    // A rules file that cannot be used is the user's to fix, as a bad flag is; by name, not instanceof, so this
    // module does not load the server's code before it is needed.
    return (error as Error).name === 'RulesFileError' ? 2 : 1;
  }
  let url: string;
  try {
    url = await mock.listen();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const hint = e.code === 'EADDRINUSE' ? ` Port ${options.port} is taken: pass --port with another, or --port 0 for a free one.` : '';
    printError('serve', `cannot listen on ${options.host}:${options.port}: ${e.message}.${hint}`);
    return 1;
  }
  const rules = options.rules === false ? 'none' : typeof options.rules === 'string' ? options.rules : "the kit's fixtures/rules.yaml";
  // Which state this replica uses, credentials left out: a replica on the wrong store is the first thing to rule out.
  const store = options.storeUrl === undefined ? 'memory' : options.storeUrl.replace(/\/\/[^@/]*@/, '//');
  log.info({ url, enroll: url + enrollPath, rules, store }, `face-enroll-mock ready on ${url} (store: ${store})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: closing`);
    void mock.close().then(() => {
      log.info('closed');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return -1; // keep running
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
