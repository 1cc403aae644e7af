/** What the journal, the logs and detail texts keep of any one text a request sent (docs/reliability.md). */
export const MAX_KEPT_TEXT = 200;

/**
 * The userinfo of a URL anywhere in a text: `://` then anything up to the last `@` before the authority ends (a URL
 * parser reads `http://u:p@ss@host` as password `p@ss`; stopping at the first `@` kept `ss@`).
 */
const USERINFO = /:\/\/[^/?#\s]*@/g;
/** An authority that runs into the cut: its userinfo (or the rest of it) may lie past it, so it is not kept. */
const OPEN_AUTHORITY = /:\/\/[^/?#\s]*$/;

/**
 * A text as the kit keeps it from a request: at most `max` characters, the original length noted when it was
 * cut (`abc… (8000000 characters)`), and the userinfo of any URL in it (`user:pass@`) removed, whole or cut.
 * Linear and cheap on an 8 MB text: it only reads the first `max` characters, plus the rest of an authority that
 * runs past the cut.
 */
export function keptText(text: string, max = MAX_KEPT_TEXT): string {
  if (text.length <= max) return text.includes('@') ? text.replace(USERINFO, '://') : text;
  let head = text.slice(0, max);
  if (OPEN_AUTHORITY.test(head)) {
    // The authority goes on past the cut; if an `@` ends it there, everything after `://` up to it is userinfo.
    head = head.replace(OPEN_AUTHORITY, '://…');
  }
  return `${head.replace(USERINFO, '://')}… (${text.length} characters)`;
}

/**
 * Every string in a plain JSON value cut by keptText (objects and arrays walked, arrays and key counts capped),
 * for the journal and the log lines: whatever a code path puts there, one entry stays a few KB at most.
 */
export function keptValue(value: unknown, max = 2048, depth = 0): unknown {
  if (typeof value === 'string') return keptText(value, max);
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) {
    const items = value.slice(0, 50).map((item) => keptValue(item, max, depth + 1));
    return value.length > 50 ? [...items, `… (${value.length} items)`] : items;
  }
  if (value instanceof Error) {
    // An error's message can quote what it failed on (a URL, an input): kept like any text.
    return { type: value.name, message: keptText(value.message, max), stack: keptText(value.stack ?? '', 4096) };
  }
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const key of Object.keys(value)) {
    if (++count > 64) break;
    out[keptText(key, 100)] = keptValue((value as Record<string, unknown>)[key], max, depth + 1);
  }
  return out;
}
