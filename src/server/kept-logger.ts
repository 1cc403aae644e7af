import { keptText, keptValue } from '../core/text/kept-text.js';
import type { ServerLogger } from './server-options.js';

/** A logger that may also write debug lines (pino's, as the proxy uses it). */
export interface KeptLogger extends ServerLogger {
  debug(detail: unknown, message?: string): void;
}

/**
 * The server's logger with every text cut (docs/reliability.md): strings in the detail object to 300
 * characters, the message to 1,000, URL userinfo removed. A log line quotes the request's path, its Host and
 * Origin, rule names, error messages and the proxy's upstream URL, any of which a client or a flag controls; a line
 * stays small and holds no `user:pass@` whatever it was given. `debug` goes to the logger's own, or nowhere.
 */
export function keptLogger(log: ServerLogger & { debug?: ServerLogger['info']; isLevelEnabled?: (level: string) => boolean }): KeptLogger {
  const line =
    (write: (detail: unknown, message?: string) => void, level: string) =>
    (detail: unknown, message?: string): void => {
      // A line the level drops is not cut first (a pino logger says which levels it writes): `--log-level warn`
      // costs nothing per request.
      if (log.isLevelEnabled && !log.isLevelEnabled(level)) return;
      const kept = typeof detail === 'string' ? keptText(detail, 1000) : keptValue(detail, 300);
      if (message === undefined) write.call(log, kept);
      else write.call(log, kept, keptText(message, 1000));
    };
  return {
    info: line(log.info, 'info'),
    warn: line(log.warn, 'warn'),
    error: line(log.error, 'error'),
    debug: line(log.debug ?? (() => undefined), 'debug'),
  };
}
