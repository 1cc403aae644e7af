import { kitVersion, printError } from './cli-output.js';
import { parseProxyArgs, PROXY_USAGE } from './parse-proxy-args.js';

/** `face-enroll-mock proxy`: runs until SIGINT/SIGTERM (returns -1), or the exit code of a bad start. */
export async function proxyCommand(argv: string[]): Promise<number> {
  const parsed = parseProxyArgs(argv);
  if (!parsed.ok) return (printError('proxy', parsed.error), 2);
  if (parsed.help) return (process.stdout.write(PROXY_USAGE), 0);
  if (parsed.version || !parsed.args) return (process.stdout.write(kitVersion() + '\n'), 0);
  const args = parsed.args;
  const [{ createProxyServer }, { createLogger }, { keptLogger }] = await Promise.all([
    import('../contract/create-proxy-server.js'),
    import('../server/create-logger.js'),
    import('../server/kept-logger.js'),
  ]);
  const pino = createLogger(args.logLevel, args.logFormat);
  // The proxy's own lines quote --upstream (which may carry user:pass@) and error messages: cut like the server's.
  const log = keptLogger(pino);
  const server = await createProxyServer({
    upstream: args.upstream,
    logger: pino,
    ...(args.spec ? { specPath: args.spec } : {}),
    ...(args.report ? { report: args.report } : {}),
    ...(args.record ? { record: args.record } : {}),
    ...(args.timeoutMs ? { timeoutMs: args.timeoutMs } : {}),
    ...(args.adminToken !== undefined ? { adminToken: args.adminToken } : {}),
    ...(args.openAdmin ? { openAdmin: true } : {}),
  });
  const { host, port } = args;
  let url: string;
  try {
    url = await server.listen(port, host);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const hint = e.code === 'EADDRINUSE' ? ` Port ${port} is taken: pass --port with another, or --port 0 for a free one.` : '';
    printError('proxy', `cannot listen on ${host}:${port}: ${e.message}.${hint}`);
    return 1;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const { recent: _recent, ...stats } = server.stats();
    // A run that checked nothing proves nothing: with --fail-on it fails like one that saw a failure.
    const why = !args.failOn
      ? ''
      : stats.failures > 0
        ? `${stats.failures} failure(s) seen`
        : args.failOn === 'warning' && stats.warnings > 0
          ? `${stats.warnings} warning(s) seen (--fail-on warning)`
          : stats.checked === 0
            ? 'no answer was checked (no request reached an operation, or the upstream never answered)'
            : '';
    let code = why ? 1 : 0;
    try {
      const file = server.writeReport();
      if (file) log.info({ file }, `violations report written to ${file}`);
    } catch (error) {
      log.error(`cannot write the report ${args.report}: ${(error as Error).message}`);
      code = code || 2;
    }
    log.info(stats, `${signal}: closing${code === 1 ? ` with exit 1: ${why}` : ''}`);
    void server.close().then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Ready only once a stop is handled: a supervisor may send SIGTERM the moment it reads this line.
  log.info({ url, upstream: args.upstream }, `face-enroll-mock proxy ready on ${url}, forwarding to ${args.upstream}`);
  return -1;
}
