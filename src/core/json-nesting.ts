/**
 * How deep a JSON text nests, stopping as soon as it passes `limit` (then it returns limit + 1). Strings are
 * skipped with indexOf, so a 2 MB base64 image costs one native scan, not a character loop. The enroll body
 * is flat (depth 1); this bounds what JSON.parse is asked to build from a hostile body (docs/reliability.md).
 */
export function jsonNesting(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip to the closing quote that is not escaped (an odd run of backslashes escapes it).
      for (;;) {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return deepest;
        let slashes = 0;
        for (let j = end - 1; text.charCodeAt(j) === 0x5c; j--) slashes++;
        i = end;
        if (slashes % 2 === 0) break;
      }
    } else if (c === 0x5b || c === 0x7b /* [ { */) {
      if (++depth > deepest && (deepest = depth) > limit) return limit + 1;
    } else if (c === 0x5d || c === 0x7d /* ] } */) depth--;
  }
  return deepest;
}
