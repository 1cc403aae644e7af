/**
 * The rate limit's fixed one-second window, counted wherever the state lives. The core's rate-limit stage
 * reads it; the state layer implements it (in memory, or in Redis for replicas).
 */
export interface RateWindow {
  /** Counts one request in `second` (epoch seconds) and returns how many that second has had, this one included. */
  hit(second: number): number | Promise<number>;
}

/**
 * The window in memory: the one implementation every in-memory namespace and the enroll core run alone use
 * (Redis has its own, a script). Isomorphic.
 */
export function createMemoryRateWindow(): RateWindow & { hit(second: number): number } {
  let [second, count] = [0, 0];
  return {
    hit(now) {
      if (now !== second) [second, count] = [now, 0];
      return ++count;
    },
  };
}
