#!/usr/bin/env node
import { join } from 'node:path';
import { packageRoot } from '../node/package-root.js';
import { enrollPath } from '../generated/outcomes.js';
import { parseServeArgs, SERVE_USAGE } from './parse-serve-args.js';

const USAGE = `Usage: face-enroll-mock <command> [options]

Commands:
  serve     start the mock server (the default command)
  help      this text

Run "face-enroll-mock serve --help" for the server's options.
`;

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  const command = first === undefined || first.startsWith('-') ? 'serve' : first;
  const args = command === 'serve' && first === 'serve' ? rest : argv;
  if (command === 'help') return process.stdout.write(USAGE + '\n' + SERVE_USAGE), 0;
  if (command !== 'serve') return process.stderr.write(`face-enroll-mock: unknown command "${command}"\n\n${USAGE}`), 2;

  const parsed = parseServeArgs(args);
  if (!parsed.ok) return process.stderr.write(`face-enroll-mock serve: ${parsed.error}\n\n${SERVE_USAGE}`), 2;
  const options = parsed.args;
  if (options.help) return process.stdout.write(SERVE_USAGE), 0;

  // Loaded only to serve: --help and bad flags answer without paying for Prism's start-up.
  const [{ createMockServer }, { createLogger }] = await Promise.all([import('../server/create-mock-server.js'), import('../server/create-logger.js')]);
  const log = createLogger(options.logLevel, options.logFormat);
  const rulesFile = options.rules === '' ? join(packageRoot(), 'fixtures', 'rules.yaml') : options.rules;
  let mock;
  try {
    mock = await createMockServer({
      ...(rulesFile ? { rulesFile } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.delay !== undefined ? { latency: options.delay } : {}),
      ...(options.regions ? { supportedRegions: options.regions } : {}),
      ...(options.spec ? { specPath: options.spec } : {}),
      requireToken: options.requireToken ? 'issued' : !options.allowMissingToken,
      keys: [{ accessKey: options.accessKey, secretKey: options.secretKey }],
      strict: options.strict,
      journalSize: options.journalSize,
      maxBodyBytes: options.maxBody,
      logger: log,
    });
  } catch (error) {
    process.stderr.write(`face-enroll-mock serve: ${(error as Error).message}\n`);
    return 1;
  }
  let url: string;
  try {
    url = await mock.listen(options.port, options.host);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const hint = e.code === 'EADDRINUSE' ? ` Port ${options.port} is taken: pass --port with another, or --port 0 for a free one.` : '';
    process.stderr.write(`face-enroll-mock serve: cannot listen on ${options.host}:${options.port}: ${e.message}.${hint}\n`);
    return 1;
  }
  log.info({ url, enroll: url + enrollPath, rules: rulesFile ?? 'none' }, `face-enroll-mock ready on ${url}`);

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
