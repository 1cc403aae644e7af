import { matchName } from '../core/text/suggest-name.js';

/**
 * Checks for flag values shared by every command, so a port, a level or a URL is refused in the same words
 * wherever it is given. Each returns the value, or the one-line error to print.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export function wholeNumber(flag: string, text: string, min: number, max: number, note = ''): Checked<number> {
  const n = Number(text);
  if (/^\d+$/.test(text.trim()) && n >= min && n <= max) return { ok: true, value: n };
  return { ok: false, error: `--${flag} must be a whole number from ${min} to ${max}${note}, got "${text}"` };
}

/** A TCP port; 0 lets the system pick a free one. `source` names where the text came from when not the flag. */
export function portNumber(text: string, source = '--port'): Checked<number> {
  const checked = wholeNumber('port', text, 0, 65535, ' (0 picks a free one)');
  return checked.ok || source === '--port' ? checked : { ok: false, error: checked.error.replace('--port', `${source}`) };
}

/** One of a few names, in any case (`--fault RESET` is reset); a near miss gets a "did you mean". */
export function oneOf<const T extends string>(flag: string, text: string, choices: readonly T[]): Checked<T> {
  const match = matchName(text, choices);
  if (match.ok) return { ok: true, value: match.name };
  return {
    ok: false,
    error: `--${flag} must be one of ${choices.join(', ')}, got "${text}"${match.suggestion ? `: did you mean ${match.suggestion}?` : ''}`,
  };
}

export function httpUrl(flag: string, text: string, example: string): Checked<string> {
  let protocol = '';
  try {
    protocol = new URL(text).protocol;
  } catch {
    // not a URL at all: the message below says what one looks like
  }
  if (protocol === 'http:' || protocol === 'https:') return { ok: true, value: text };
  return { ok: false, error: `--${flag} must be an http(s) URL such as ${example}, got "${text}"` };
}

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;

/** The log flags serve and proxy share: one entry each in their flag tables. */
export const logFlags = {
  'log-level': { type: 'string', value: 'LEVEL', help: `${LOG_LEVELS.join('|')} (default info)` },
  'log-format': {
    type: 'string',
    value: 'FORMAT',
    help: "pretty (pino-pretty's colored lines), json (one JSON object a line), or auto (default:\npretty on a terminal, json otherwise)",
  },
} as const;

/** The admin protection flags serve and proxy share (src/server/admin-guard.ts): one entry each in their tables. */
export const adminFlags = {
  'admin-token': {
    type: 'string',
    value: 'TOKEN',
    help:
      'the admin API and console (/__admin/) need this token (env MOCK_ADMIN_TOKEN): header\n' +
      'Authorization: Bearer TOKEN or X-Admin-Token, or ?adminToken=TOKEN on a GET',
  },
  'open-admin': {
    type: 'boolean',
    help: 'serve the admin API without a token when --host is not loopback (by default it answers\n403 there until --admin-token is given)',
  },
} as const;

/** --admin-token or MOCK_ADMIN_TOKEN, at least 8 characters when given. */
export function adminTokenValue(flag: string | undefined, env: NodeJS.ProcessEnv): Checked<string | undefined> {
  const token = flag ?? env.MOCK_ADMIN_TOKEN;
  if (token !== undefined && token.trim().length < 8)
    return { ok: false, error: `--admin-token (or MOCK_ADMIN_TOKEN) must be at least 8 characters, got ${token.trim().length}` };
  return { ok: true, value: token };
}
