import type { components } from '../generated/admin.js';
import { keptValue } from '../core/text/kept-text.js';

export type JournalEntry = components['schemas']['JournalEntry'];

/** The in-memory journal: the JournalState port with plain (synchronous) answers. */
export interface Journal {
  record(entry: Omit<JournalEntry, 'id'>): void;
  list(): { requests: JournalEntry[]; dropped: number };
  clear(): void;
  /** Calls `listener` with every entry recorded from now on (the console's live view); returns the unsubscribe. */
  subscribe(listener: (entry: JournalEntry) => void): () => void;
}

/** What the memory state's global entry budget needs of each namespace's journal. */
export interface EvictableJournal extends Journal {
  readonly size: number;
  /** Drops the oldest entry (counted as dropped); false when empty. */
  dropOldest(): boolean;
}

/**
 * A ring buffer of the last `size` requests: memory stays flat however long the server runs. Every string an
 * entry carries is cut again here (keptValue: 2,048 characters, no URL userinfo), whatever code path wrote it,
 * so 1,000 entries stay a few MB even when every request sent 8 MB texts (docs/reliability.md).
 */
export function createJournal(size = 1000): EvictableJournal {
  let entries: JournalEntry[] = [];
  let nextId = 1;
  let dropped = 0;
  const listeners = new Set<(entry: JournalEntry) => void>();
  return {
    record(entry) {
      const recorded = { id: nextId++, ...(keptValue(entry) as Omit<JournalEntry, 'id'>) };
      for (const listener of listeners) listener(recorded);
      if (size <= 0) return void dropped++;
      entries.push(recorded);
      if (entries.length > size) {
        entries.shift();
        dropped++;
      }
    },
    list: () => ({ requests: [...entries], dropped }),
    clear() {
      entries = [];
      dropped = 0;
    },
    get size() {
      return entries.length;
    },
    dropOldest() {
      if (!entries.length) return false;
      entries.shift();
      dropped++;
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
