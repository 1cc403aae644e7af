import { closest, distance } from 'fastest-levenshtein';

/**
 * The known name closest to what was typed, when it is close enough to be a typo (at most a third of its
 * letters off, at least 2); undefined otherwise, so "did you mean" never suggests something unrelated.
 */
export function suggestName(typed: string, known: readonly string[]): string | undefined {
  if (!known.length) return undefined;
  const best = closest(typed, known as string[]);
  return distance(typed, best) <= Math.max(2, Math.floor(typed.length / 3)) ? best : undefined;
}
