/**
 * Whether two byte sequences are equal, in a time that depends on their length only: every byte is read
 * whatever the first difference, so a caller comparing a secret-derived value (a signature) leaks nothing
 * through timing about how much of a guess was right. Isomorphic (node:crypto's timingSafeEqual is not).
 * Lengths are compared first: they are not secret where this is used (a SHA-256 hex digest is 64 characters).
 */
export function constantTimeEqual(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
