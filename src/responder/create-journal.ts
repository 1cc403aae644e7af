import type { components } from '../generated/admin.js';

export type JournalEntry = components['schemas']['JournalEntry'];

export interface Journal {
  record(entry: Omit<JournalEntry, 'id'>): void;
  list(): { requests: JournalEntry[]; dropped: number };
  clear(): void;
}

/** A ring buffer of the last `size` requests: memory stays flat however long the server runs. */
export function createJournal(size = 1000): Journal {
  let entries: JournalEntry[] = [];
  let nextId = 1;
  let dropped = 0;
  return {
    record(entry) {
      if (size <= 0) return void dropped++;
      entries.push({ id: nextId++, ...entry });
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
  };
}
