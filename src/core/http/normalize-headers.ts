export type HeadersInput = Headers | Record<string, string | string[] | undefined>;

/** Lower-cased header names to single values, from a Fetch `Headers` or a Node-style record. */
export function normalizeHeaders(input: HeadersInput | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (!input) return out;
  if (typeof (input as Headers).forEach === 'function' && typeof (input as Headers).get === 'function') {
    (input as Headers).forEach((value, key) => {
      out[key.toLowerCase()] = value;
    });
    return out;
  }
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
