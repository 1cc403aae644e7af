import { keptText } from './kept-text.js';

/**
 * A request value for a detail line: a string quoted and cut by keptText, anything else by its JSON type.
 * Never JSON.stringify or String() of the value itself: an 8 MB string or a 30,000-deep array would be kept
 * whole, or overflow the stack.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(keptText(value, 64));
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}
