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

/** Characters one kept value holds at most, whatever its shape: an authentication's fields, a journal entry. */
export const MAX_KEPT_VALUE = 32_768;
/** Levels walked; a container deeper than this is kept as a summary. */
const MAX_KEPT_DEPTH = 5;

/**
 * Every string in a plain JSON value cut by keptText (objects and arrays walked, arrays and key counts capped),
 * for the journal, the log lines and an authentication's fields. Two bounds hold whatever the shape: a container
 * deeper than five levels becomes a one-line summary (it was returned uncut: a 7 MB text at `extra.a.b.c.d.e`
 * came back whole), and the whole value keeps at most `budget` characters, the fields past it summarised.
 */
export function keptValue(value: unknown, max = 2048, budget = MAX_KEPT_VALUE): unknown {
  const left = { chars: budget, budget };
  return keep(value, max, 0, left);
}

function summary(value: object, why: string): string {
  return Array.isArray(value) ? `… (an array of ${value.length} items, ${why})` : `… (an object, ${why})`;
}

function keep(value: unknown, max: number, depth: number, left: { chars: number; budget: number }): unknown {
  if (typeof value === 'string') {
    const kept = keptText(value, Math.max(0, Math.min(max, left.chars)));
    left.chars -= kept.length;
    return kept;
  }
  left.chars -= 8; // a number, a boolean, null, or a container's brackets
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_KEPT_DEPTH) return summary(value, `deeper than ${MAX_KEPT_DEPTH} levels, not kept`);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value.slice(0, 50)) {
      if (left.chars <= 0) break;
      items.push(keep(item, max, depth + 1, left));
    }
    return value.length > items.length ? [...items, `… (${value.length} items)`] : items;
  }
  if (value instanceof Error) {
    // An error's message can quote what it failed on (a URL, an input): kept like any text.
    return { type: value.name, message: keptText(value.message, max), stack: keptText(value.stack ?? '', 4096) };
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  let count = 0;
  for (const key of keys) {
    if (count === 64) break;
    if (left.chars <= 0) {
      out['…'] = `${keys.length - count} more fields not kept (over ${left.budget} characters)`;
      break;
    }
    count++;
    const name = keptText(key, 100);
    left.chars -= name.length;
    out[name] = keep((value as Record<string, unknown>)[key], max, depth + 1, left);
  }
  return out;
}
