/** A value now (memory) or later (a shared store). */
type Awaitable<T> = T | Promise<T>;

/** The rate limit's fixed one-second window, counted wherever the state lives (the state port's part). */
export interface RateWindow {
  /** Counts one request in `second` (epoch seconds) and returns how many that second has had, this one included. */
  hit(second: number): Awaitable<number>;
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
