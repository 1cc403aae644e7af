import { isPlainObject } from '../../core/http/is-plain-object.js';
import { keptText } from '../../core/text/kept-text.js';
import type { JournalEntry } from '../../state/create-journal.js';

/** The journal's userId, so `?userId=` and the verification count find the journey's requests too. */
export function journeyFacts(body: unknown): Partial<JournalEntry> {
  return isPlainObject(body) && typeof body.userId === 'string' ? { userId: keptText(body.userId, 128) } : {};
}

/** The examples `Prefer` may force on a journey operation: the error examples, whose data is not the state's. */
export function journeyPreferable(catalog: Readonly<Record<string, { stateful: boolean }>>): string[] {
  return Object.keys(catalog).filter((name) => !catalog[name]!.stateful && name !== 'CLIENT_ERROR');
}
