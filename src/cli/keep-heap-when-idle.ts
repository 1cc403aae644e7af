import { setFlagsFromString } from 'node:v8';

/**
 * V8's setting that `serve` raises: how long its memory reducer waits before it shrinks a heap that has gone
 * quiet. 2,000,000,000 ms (23 days) means never, for a mock server.
 */
export const MEMORY_REDUCER_DELAY_FLAG = '--gc-memory-reducer-start-delay-ms=2000000000';

/**
 * Keeps V8 from shrinking the server's heap while it idles. A mock server idles between test runs; about a minute
 * after the last request V8's memory reducer shrinks the heap (about 60 MB to 25 MB), after which a Save Enroll,
 * which turns over a few hundred kilobytes of buffers, set off full collections three times as often and cost
 * about 1.8 times its CPU for the next 15 to 25 s of load (--trace-gc; docs/benchmarks.md, decision note 0041).
 * The price is that idle heap: about 60 MB instead of 25 MB.
 *
 * Process-wide, so only the CLI's own process calls it, never the library (startMockServer runs in the user's
 * process). V8 reads this setting each time the reducer schedules itself, so it applies after start-up; the
 * memory reducer's on/off switch does not (it is read once, when the heap is made).
 */
export function keepHeapWhenIdle(): void {
  setFlagsFromString(MEMORY_REDUCER_DELAY_FLAG);
}
