import type { RandomSource } from './create-random.js';

/** A delay option in ms: a fixed number, or [min, max] drawn from the seeded source so runs repeat. */
export type DelayOption = number | readonly [number, number];

export function drawDelay(delay: DelayOption | undefined, random: RandomSource): number {
  if (delay === undefined) return 0;
  if (typeof delay === 'number') return delay;
  return Math.round(delay[0] + random.next() * (delay[1] - delay[0]));
}
