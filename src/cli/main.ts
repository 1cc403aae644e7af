#!/usr/bin/env node
import { enrollPath } from '../generated/outcomes.js';
import { parseServeArgs, SERVE_USAGE } from './parse-serve-args.js';
import { contractCommand, fixturesCommand } from './contract-command.js';

const USAGE = `Usage: face-enroll-mock <command> [options]

Commands:
  serve     start the mock server (the default command)
  proxy     forward to a real API and report every answer that breaks the spec
  coverage  print which outcomes a running server answered; fail when required ones were never seen
  contract  check a target (the real API, or the kit itself) against the kit's case table
  fixtures  export DIR: write the images the contract's URL cases need, to host them
  help      this text

Run "face-enroll-mock COMMAND --help" for a command's options.
`;

const PROXY_USAGE = `Usage: face-enroll-mock proxy --upstream URL [options]

Forwards every request to URL unchanged and checks every answer against the spec (embedded Prism
validation, plus drift: a code/message pair the spec does not document). Violations are logged as
"contract violation from upstream" and listed at GET /__admin/violations (DELETE empties the list and the
count). /__admin/* is answered by the proxy itself, never forwarded.

Options:
  --upstream URL       where to forward (for example https://sg-api.advance.ai); required
  --port N             port (env PORT; default 4020)
  --host ADDR          address (env HOST; default 127.0.0.1)
  --log-level LEVEL    trace|debug|info|warn|error|silent (default info)
  --log-format FORMAT  auto|json|pretty
  --spec FILE          OpenAPI document to validate against (default: the kit's spec/openapi.yaml)
  --fail-on-violation  exit 1 at shutdown (SIGINT/SIGTERM) when a violation was seen (since start or the
                       last DELETE /__admin/violations), so a CI job around the proxy fails
  --report FILE        write the violations as JSON at shutdown, and on demand: POST /__admin/report
  --record DIR         write every enroll exchange into DIR as a scenario file (the case table's format);
                       face images are kept as SHA-256, size, format and dimensions; tokens and keys never
  -h, --help           this text
`;

async function proxy(argv: string[]): Promise<number> {
  const { parseArgs } = await import('node:util');
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        upstream: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'log-level': { type: 'string' },
        'log-format': { type: 'string' },
        spec: { type: 'string' },
        'fail-on-violation': { type: 'boolean' },
        report: { type: 'string' },
        record: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return (process.stderr.write(`face-enroll-mock proxy: ${(error as Error).message}\n\n${PROXY_USAGE}`), 2);
  }
  if (values.help) return (process.stdout.write(PROXY_USAGE), 0);
  if (!values.upstream || !/^https?:\/\//.test(values.upstream))
    return (process.stderr.write(`face-enroll-mock proxy: --upstream must be an http(s) URL\n\n${PROXY_USAGE}`), 2);
  const port = Number(values.port ?? process.env.PORT ?? 4020);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return (process.stderr.write(`face-enroll-mock proxy: --port must be a whole number from 0 to 65535\n`), 2);
  const [{ createProxyServer }, { createLogger }] = await Promise.all([
    import('../server/create-proxy-server.js'),
    import('../server/create-logger.js'),
  ]);
  const log = createLogger((values['log-level'] ?? 'info') as 'info', (values['log-format'] ?? 'auto') as 'auto');
  for (const flag of ['report', 'record'] as const)
    if (values[flag] === '')
      return (process.stderr.write(`face-enroll-mock proxy: --${flag} must name a ${flag === 'report' ? 'file' : 'folder'}, got ""\n`), 2);
  const server = await createProxyServer({
    upstream: values.upstream,
    logger: log,
    ...(values.spec ? { specPath: values.spec } : {}),
    ...(values.report ? { report: values.report } : {}),
    ...(values.record ? { record: values.record } : {}),
  });
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  let url: string;
  try {
    url = await server.listen(port, host);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const hint = e.code === 'EADDRINUSE' ? ` Port ${port} is taken: pass --port with another, or --port 0 for a free one.` : '';
    process.stderr.write(`face-enroll-mock proxy: cannot listen on ${host}:${port}: ${e.message}.${hint}\n`);
    return 1;
  }
  log.info({ url, upstream: values.upstream }, `face-enroll-mock proxy ready on ${url}, forwarding to ${values.upstream}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const { recent: _recent, ...stats } = server.stats();
    let code = values['fail-on-violation'] && stats.violations > 0 ? 1 : 0;
    try {
      const file = server.writeReport();
      if (file) log.info({ file }, `violations report written to ${file}`);
    } catch (error) {
      log.error(`cannot write the report ${values.report}: ${(error as Error).message}`);
      code = code || 2;
    }
    log.info(
      stats,
      `${signal}: closing${code === 1 ? ` with exit 1: ${stats.violations} contract violation(s) seen (--fail-on-violation)` : ''}`,
    );
    void server.close().then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return -1;
}

const COVERAGE_USAGE = `Usage: face-enroll-mock coverage [--url URL] [--require NAME,NAME,...]

Prints how many answers of a running mock server carried each documented outcome and fault (GET
/__admin/coverage), and exits 1 when a required one was never answered: add it after your app's tests.

Options:
  --url URL          the mock server (default http://127.0.0.1:4010)
  --require NAMES    outcomes or faults that must have been answered, separated by commas
  -h, --help         this text
`;

async function coverage(argv: string[]): Promise<number> {
  const { parseArgs } = await import('node:util');
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { url: { type: 'string' }, require: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return (process.stderr.write(`face-enroll-mock coverage: ${(error as Error).message}\n\n${COVERAGE_USAGE}`), 2);
  }
  if (values.help) return (process.stdout.write(COVERAGE_USAGE), 0);
  const url = (values.url ?? 'http://127.0.0.1:4010').replace(/\/$/, '');
  const required = (values.require ?? '')
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
    return (
      process.stderr.write(
        `face-enroll-mock coverage: cannot read ${url}/__admin/coverage: ${(error as Error).message}. Is the mock server running there (--url)?\n`,
      ),
      2
    );
  }
  try {
    assertCoverage(report, required);
  } catch (error) {
    const message = (error as Error).message;
    return (process.stderr.write(`face-enroll-mock coverage: ${message}\n`), message.startsWith('assertCoverage: unknown') ? 2 : 1);
  }
  process.stdout.write(formatCoverage(report, required) + '\n');
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  const command = first === undefined || first.startsWith('-') ? 'serve' : first;
  const args = command === 'serve' && first === 'serve' ? rest : argv;
  if (command === 'help') return (process.stdout.write(USAGE + '\n' + SERVE_USAGE), 0);
  if (command === 'proxy') return proxy(rest);
  if (command === 'coverage') return coverage(rest);
  if (command === 'contract') return contractCommand(rest);
  if (command === 'fixtures') return fixturesCommand(rest);
  if (command !== 'serve') return (process.stderr.write(`face-enroll-mock: unknown command "${command}"\n\n${USAGE}`), 2);

  const parsed = parseServeArgs(args);
  if (!parsed.ok) return (process.stderr.write(`face-enroll-mock serve: ${parsed.error}\n\n${SERVE_USAGE}`), 2);
  const { options, logLevel, logFormat, help } = parsed.args;
  if (help) return (process.stdout.write(SERVE_USAGE), 0);

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
    process.stderr.write(`face-enroll-mock serve: ${(error as Error).message}\n`);
    return 1;
  }
  let url: string;
  try {
    url = await mock.listen();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const hint = e.code === 'EADDRINUSE' ? ` Port ${options.port} is taken: pass --port with another, or --port 0 for a free one.` : '';
    process.stderr.write(`face-enroll-mock serve: cannot listen on ${options.host}:${options.port}: ${e.message}.${hint}\n`);
    return 1;
  }
  const rules = options.rules === false ? 'none' : typeof options.rules === 'string' ? options.rules : "the kit's fixtures/rules.yaml";
  log.info({ url, enroll: url + enrollPath, rules }, `face-enroll-mock ready on ${url}`);

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
