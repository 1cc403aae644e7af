import { keptText } from '../core/text/kept-text.js';

const MAX_VALUE = 200;
const MAX_HEADERS = 50;
/**
 * Never kept: every header that carries a credential, the mock's own admin token included (the journal is read
 * by the console and, on a shared store, by every replica). Only the length stays: enough to see a token was
 * sent, or sent empty, and nothing an offline guess could be checked against.
 */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-access-token',
  'x-admin-token',
  'x-api-key',
  'x-auth-token',
]);

/**
 * A request's headers as the journal keeps them: lower-cased, at most 50, each value cut to 200 characters
 * with its length noted, and credentials replaced by their length. A journal entry stays small whatever a
 * client sends (docs/reliability.md).
 */
export function boundedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers).slice(0, MAX_HEADERS)) {
    const key = name.slice(0, 100);
    if (CREDENTIAL_HEADERS.has(key)) out[key] = `(${value.length} characters, not kept)`;
    // keptText: the same cut, and no userinfo of a URL (a Referer's user:pass@), even one the cut runs into.
    else out[key] = keptText(value, MAX_VALUE);
  }
  return out;
}
