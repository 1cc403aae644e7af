import { keptText } from '../core/kept-text.js';

const MAX_VALUE = 200;
const MAX_HEADERS = 50;
/** Never kept: credentials. */
const SECRET = new Set(['x-access-token', 'authorization', 'cookie', 'proxy-authorization']);

/**
 * A request's headers as the journal keeps them: lower-cased, at most 50, each value cut to 200 characters
 * with its length noted, and credentials replaced by their length. A journal entry stays small whatever a
 * client sends (docs/reliability.md).
 */
export function boundedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers).slice(0, MAX_HEADERS)) {
    const key = name.slice(0, 100);
    if (SECRET.has(key)) out[key] = `(${value.length} characters, not kept)`;
    // keptText: the same cut, and no userinfo of a URL (a Referer's user:pass@), even one the cut runs into.
    else out[key] = keptText(value, MAX_VALUE);
  }
  return out;
}
