import { closest, distance } from 'fastest-levenshtein';

/**
 * The known name closest to what was typed, when it is close enough to be a typo (at most a third of its
 * letters off, at least 2); undefined otherwise, so "did you mean" never suggests something unrelated.
 * Case does not count as a letter off: `iam_faild` suggests IAM_FAILED.
 */
export function suggestName<N extends string>(typed: string, known: readonly N[]): N | undefined {
  if (!known.length) return undefined;
  const lower = known.map((name) => name.toLowerCase());
  const best = closest(typed.toLowerCase(), lower);
  const found = known[lower.indexOf(best)];
  return distance(typed.toLowerCase(), best) <= Math.max(2, Math.floor(typed.length / 3)) ? found : undefined;
}

export type NameMatch<N extends string> = { ok: true; name: N } | { ok: false; suggestion?: N };

/**
 * Resolves a name a user typed (an outcome, a fault, a flag's choice): the exact name, else the one name equal
 * to it without regard to case (`iam_failed` is IAM_FAILED); two names differing only by case are never guessed
 * between. Otherwise not found, with the closest name as a suggestion when there is one (suggestName).
 */
export function matchName<N extends string>(typed: string, known: readonly N[]): NameMatch<N> {
  if ((known as readonly string[]).includes(typed)) return { ok: true, name: typed as N };
  const sameLetters = known.filter((name) => name.toLowerCase() === typed.toLowerCase());
  if (sameLetters.length === 1) return { ok: true, name: sameLetters[0]! };
  const suggestion = suggestName(typed, known);
  return suggestion === undefined ? { ok: false } : { ok: false, suggestion };
}

/** `did you mean X? ` when there is a suggestion, for messages that then list every valid name. */
export const didYouMean = (match: { suggestion?: string }): string => (match.suggestion ? `did you mean ${match.suggestion}? ` : '');
