import { Writable } from 'node:stream';
import pino, { type Logger, type LevelWithSilent } from 'pino';

/**
 * JSON lines (pino) when stdout is not a terminal, for CI logs and log shippers; short human lines on a
 * terminal. `format` overrides the guess.
 */
export function createLogger(
  level: LevelWithSilent = 'info',
  format: 'auto' | 'json' | 'pretty' = 'auto',
  out: NodeJS.WritableStream = process.stdout,
): Logger {
  const pretty = format === 'pretty' || (format === 'auto' && (out as NodeJS.WriteStream).isTTY === true);
  if (!pretty) return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, out as Writable);
  const human = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        const { level: n, time, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
        const label =
          ({ 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' } as Record<number, string>)[n as number] ??
          String(n);
        // Request lines already say everything in msg; fields are shown for warnings and errors.
        const extra = (n as number) >= 40 && Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
        out.write(`${String(time).slice(11, 23)} ${label.padEnd(5)} ${String(msg)}${extra}\n`);
      }
      done();
    },
  });
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, human);
}
