/** Deepest JSON nesting parsed (docs/reliability.md); the kit's bodies nest 1 to 3 deep. */
export const MAX_JSON_DEPTH = 64;
/** Most values (object members and array items, counted by their commas) parsed; the kit's bodies hold a few dozen. */
export const MAX_JSON_VALUES = 10_000;

export type BoundedJson = { ok: true; value: unknown } | { ok: false; detail: string; bounded: boolean };

/**
 * JSON.parse behind a scan that refuses, before parsing, a text that nests deeper than MAX_JSON_DEPTH or holds
 * more than MAX_JSON_VALUES values. JSON.parse of 8 MiB costs up to 1.3 s for 8 million `[` or 700,000 keys; the
 * scan stops at the bound, and skips strings with indexOf, so a 2.8 MB base64 image is one native search.
 * `bounded` tells a refusal by the bounds from text that is not JSON. Never throws.
 */
export function parseBoundedJson(text: string, maxDepth = MAX_JSON_DEPTH, maxValues = MAX_JSON_VALUES): BoundedJson {
  const problem = jsonBoundsProblem(text, maxDepth, maxValues);
  if (problem) return { ok: false, detail: problem, bounded: true };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, detail: 'the body is not valid JSON', bounded: false };
  }
}

/** Why `text` is past the bounds (nesting, value count), or null. Reads only as far as the first bound passed. */
export function jsonBoundsProblem(text: string, maxDepth: number, maxValues: number): string | null {
  let depth = 0;
  let commas = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip to the closing quote that is not escaped (an odd run of backslashes escapes it).
      for (;;) {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return null;
        let slashes = 0;
        for (let j = end - 1; text.charCodeAt(j) === 0x5c; j--) slashes++;
        i = end;
        if (slashes % 2 === 0) break;
      }
    } else if (c === 0x5b || c === 0x7b /* [ { */) {
      if (++depth > maxDepth) return `the body nests deeper than ${maxDepth} levels`;
    } else if (c === 0x5d || c === 0x7d /* ] } */) depth--;
    else if (c === 0x2c /* , */ && ++commas >= maxValues) return `the body holds more than ${maxValues} values`;
  }
  return null;
}
