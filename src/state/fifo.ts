/**
 * A first-in first-out queue with O(1) amortised push and shift, and a rebuild for entries gone stale.
 * Why not a Map's insertion order: deleting from the front of a Map leaves holes that the next iteration from
 * its start walks through again (V8 compacts them only when it rehashes), so "drop the oldest" in a loop costs
 * the number of entries dropped so far, not O(1). Isomorphic.
 */
export interface Fifo<T> {
  push(value: T): void;
  /** The oldest entry, removed; undefined when empty. */
  shift(): T | undefined;
  readonly length: number;
  /** Keeps only the entries `keep` accepts, in order (after many went stale). */
  retain(keep: (value: T) => boolean): void;
  clear(): void;
}

export function createFifo<T>(): Fifo<T> {
  let items: T[] = [];
  let head = 0;
  return {
    push: (value) => void items.push(value),
    shift() {
      if (head >= items.length) return undefined;
      const value = items[head]!;
      items[head++] = undefined as T;
      if (head > 1024 && head * 2 > items.length) {
        items = items.slice(head);
        head = 0;
      }
      return value;
    },
    get length() {
      return items.length - head;
    },
    retain(keep) {
      items = items.slice(head).filter(keep);
      head = 0;
    },
    clear() {
      items = [];
      head = 0;
    },
  };
}
