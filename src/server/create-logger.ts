import { Writable } from 'node:stream';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import { prettyFactory } from 'pino-pretty';

/**
 * JSON lines (pino) when stdout is not a terminal, for CI logs and log shippers; pino-pretty's lines (what pino
 * users read in development) on a terminal. `format` overrides the guess. pino-pretty runs in-process on each
 * line rather than as a pino transport (a worker thread that loads pino-pretty by name): the CLI is one bundled
 * file, and lines must reach the terminal before the process exits.
 */
export function createLogger(
  level: LevelWithSilent = 'info',
  format: 'auto' | 'json' | 'pretty' = 'auto',
  out: NodeJS.WritableStream = process.stdout,
): Logger {
  const tty = (out as NodeJS.WriteStream).isTTY === true;
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  if (format === 'json' || (format === 'auto' && !tty)) return pino(options, out as Writable);
  const pretty = { colorize: tty, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' };
  const full = prettyFactory(pretty);
  // A request's message says it all (`POST /… -> ERROR [rule server-error-users] (3 ms)`): one line a request,
  // its fields left to the JSON format. Warnings and errors keep their fields.
  const oneLine = prettyFactory({ ...pretty, hideObject: true });
  const human = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        const entry = JSON.parse(line) as { level: number; latencyMs?: number };
        out.write((entry.level < 40 && entry.latencyMs !== undefined ? oneLine : full)(entry));
      }
      done();
    },
  });
  return pino(options, human);
}
