import type { components } from '../generated/admin.js';

export type JournalEntry = components['schemas']['JournalEntry'];

export interface Journal {
  record(entry: Omit<JournalEntry, 'id'>): void;
  list(): { requests: JournalEntry[]; dropped: number };
  clear(): void;
  /** Calls `listener` with every entry recorded from now on (the console's live view); returns the unsubscribe. */
  subscribe(listener: (entry: JournalEntry) => void): () => void;
}

/** A ring buffer of the last `size` requests: memory stays flat however long the server runs. */
export function createJournal(size = 1000): Journal {
  let entries: JournalEntry[] = [];
  let nextId = 1;
  let dropped = 0;
  const listeners = new Set<(entry: JournalEntry) => void>();
  return {
    record(entry) {
      const recorded = { id: nextId++, ...entry };
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
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
