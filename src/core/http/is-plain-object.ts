/** A JSON object (not null, not an array): the only body shape the vendor's APIs accept. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
