import type { Enrollment } from '../core/enroll/enrollment.js';
import { mockDefaults } from '../core/settings/mock-defaults.js';
import { createFifo } from './fifo.js';

export type { Enrollment };

/** The vendor keeps at most 5 faces per user (inferred from Get Enroll, which lists up to 5 images). */
export const MAX_FACES_PER_USER = 5;

/** The bytes of one enrolled face, kept beside its (JSON-serialisable) record, keyed by its transactionId. */
export interface FaceImage {
  bytes: Uint8Array;
  contentType: 'image/jpeg' | 'image/png';
}

export interface EnrollmentStoreOptions {
  /** Total bytes of face images kept (the oldest dropped first). Default mockDefaults.imageMemoryBytes (64 MiB). */
  imageMemoryBytes?: number;
  /** Users kept (the one enrolled least recently forgotten first, with its faces). Default mockDefaults.maxUsers (100 000). */
  maxUsers?: number;
}

/** A value now, or later: the in-memory store answers at once, a shared store (Redis) over the network. */
export type Awaitable<T> = T | Promise<T>;

/**
 * What the responder needs of the enrolled state. The in-memory EnrollmentStore is one (its answers are plain
 * values); the server's Redis store is another (its answers are promises). Callers `await` every answer.
 */
export interface EnrollmentState {
  add(enrollment: Enrollment, image?: FaceImage): Promise<void>;
  image(transactionId: string): Awaitable<FaceImage | undefined>;
  remove(userId: string): Awaitable<number>;
  faces(userId: string): Awaitable<Enrollment[]>;
  all(): Awaitable<Enrollment[]>;
  forget(userId: string): Awaitable<number>;
  reset(): Awaitable<void>;
  count(): Awaitable<number>;
  imageBytes(): Awaitable<number>;
}

export interface EnrollmentStore extends EnrollmentState {
  /** Stores a SUCCESS's enrollment (and its image bytes, if any); past MAX_FACES_PER_USER the user's oldest face is dropped. */
  add(enrollment: Enrollment, image?: FaceImage): Promise<void>;
  /** The bytes of a face by its transactionId, unless it was dropped (deleted, replaced, or past the memory cap). */
  image(transactionId: string): FaceImage | undefined;
  /** Deletes a user and all its faces and their bytes; returns how many faces were removed. */
  remove(userId: string): number;
  /** Bytes of face images held now. */
  imageBytes(): number;
  /** The faces of one user, oldest first. */
  faces(userId: string): Enrollment[];
  /** Every stored face, oldest first. */
  all(): Enrollment[];
  /** Seeds the store (a test's Given), each through add() so the limit holds. */
  seed(enrollments: Enrollment[]): Promise<void>;
  /** The same as remove (the console's "forget"): one user's faces and their bytes; 0 for an unknown user. */
  forget(userId: string): number;
  /** Forgets every enrollment: call it between tests. */
  reset(): void;
  count(): number;
}

/** What the memory state's global budgets need of each namespace's store (not part of the public store). */
export interface EvictableStore extends EnrollmentStore {
  /** Users held now. */
  users(): number;
  /** Drops the bytes of the oldest face that still has some; false when none has. */
  dropOldestImage(): boolean;
  /** Forgets the user enrolled least recently, with its faces; false when empty. */
  forgetOldestUser(): boolean;
}

const FIELDS: Record<keyof Enrollment, 'string' | 'string|null' | 'number|null'> = {
  userId: 'string',
  region: 'string',
  imageSha256: 'string|null',
  format: 'string|null',
  width: 'number|null',
  height: 'number|null',
  byteSize: 'number|null',
  enrolledAt: 'string',
  transactionId: 'string',
};

/** A copy of the enrollment's fields, or a throw naming the wrong ones (seed() takes records from JavaScript). */
function checkedRecord(value: Enrollment): Enrollment {
  const record = value as unknown as Record<string, unknown>;
  const wrong = Object.entries(FIELDS).filter(([key, type]) => {
    const v = record[key];
    return !(type === 'string' ? typeof v === 'string' : v === null || typeof v === type.split('|')[0]);
  });
  if (wrong.length) {
    const list = wrong.map(([key, type]) => `${key} must be ${type}, got ${JSON.stringify(record[key]) ?? 'undefined'}`.slice(0, 200));
    throw new TypeError(
      `face-enroll-mock: cannot store the enrollment: ${list.join('; ')}. Pass an Enrollment (src/core/enroll/enrollment.ts).`,
    );
  }
  return Object.fromEntries(Object.keys(FIELDS).map((key) => [key, record[key]])) as unknown as Enrollment;
}

interface StoredFace {
  record: Enrollment;
  /** Order of arrival over the whole store, so all() lists faces oldest first across users. */
  seq: number;
}

/**
 * The enrolled state in memory, indexed by user: add, faces and remove touch one user's faces (at most
 * maxFacesPerUser), never the whole store, so they cost the same at 100,000 faces as at 10 (docs/decisions/0017-store-indexed-by-user.md).
 * Two caps keep it bounded: image bytes (oldest faces' bytes dropped first) and users (the user enrolled least
 * recently forgotten first). Isomorphic.
 */
export function createEnrollmentStore(maxFacesPerUser = MAX_FACES_PER_USER, options: EnrollmentStoreOptions = {}): EvictableStore {
  const byUser = new Map<string, { faces: StoredFace[]; lastSeq: number }>();
  // The order the user cap forgets users in: one entry per add, stale when the user enrolled again since (its
  // lastSeq moved on) or was removed; skipped when met, and cleared out when they outnumber the live ones.
  const userOrder = createFifo<{ userId: string; seq: number }>();
  // Bytes live outside the records so records stay JSON for the admin API; imageOrder is the order the memory
  // cap drops them in (entries of bytes already dropped are skipped).
  const images = new Map<string, FaceImage>();
  const imageOrder = createFifo<string>();
  const cap = options.imageMemoryBytes ?? mockDefaults.imageMemoryBytes;
  const maxUsers = Math.max(1, options.maxUsers ?? mockDefaults.maxUsers);
  let held = 0;
  let total = 0;
  let seq = 0;
  const drop = (transactionId: string) => {
    const image = images.get(transactionId);
    if (!image) return;
    held -= image.bytes.length;
    images.delete(transactionId);
  };
  const removeUser = (userId: string): number => {
    const mine = byUser.get(userId);
    if (!mine) return 0;
    for (const face of mine.faces) drop(face.record.transactionId);
    byUser.delete(userId);
    total -= mine.faces.length;
    return mine.faces.length;
  };
  const forgetLeastRecentUser = (): boolean => {
    for (let entry = userOrder.shift(); entry; entry = userOrder.shift()) {
      if (byUser.get(entry.userId)?.lastSeq === entry.seq) return removeUser(entry.userId) >= 0;
    }
    return false;
  };
  const plain = (face: StoredFace): Enrollment => ({ ...face.record });
  const store: EvictableStore = {
    async add(enrollment, image) {
      const record = checkedRecord(enrollment);
      const mine = byUser.get(record.userId) ?? { faces: [], lastSeq: 0 };
      mine.lastSeq = seq++;
      mine.faces.push({ record, seq: mine.lastSeq });
      byUser.set(record.userId, mine);
      userOrder.push({ userId: record.userId, seq: mine.lastSeq });
      total++;
      if (image && image.bytes.length <= cap) {
        images.set(record.transactionId, { bytes: image.bytes.slice(), contentType: image.contentType });
        imageOrder.push(record.transactionId);
        held += image.bytes.length;
        while (held > cap) drop(imageOrder.shift()!);
      }
      while (mine.faces.length > maxFacesPerUser) {
        drop(mine.faces.shift()!.record.transactionId);
        total--;
      }
      while (byUser.size > maxUsers) forgetLeastRecentUser();
      // Stale entries (users who enrolled again, bytes dropped with their face) are cleared out once they
      // outnumber the live ones: O(n) once per n adds.
      if (userOrder.length > 2 * byUser.size + 1024) userOrder.retain((entry) => byUser.get(entry.userId)?.lastSeq === entry.seq);
      if (imageOrder.length > 2 * images.size + 1024) imageOrder.retain((id) => images.has(id));
    },
    image: (transactionId) => images.get(transactionId),
    remove: removeUser,
    imageBytes: () => held,
    faces: (userId) => (byUser.get(userId)?.faces ?? []).map(plain),
    all: () =>
      [...byUser.values()]
        .flatMap((user) => user.faces)
        .sort((a, b) => a.seq - b.seq)
        .map(plain),
    async seed(enrollments) {
      for (const enrollment of enrollments) await store.add(enrollment);
    },
    forget: (userId) => store.remove(userId),
    reset() {
      byUser.clear();
      userOrder.clear();
      images.clear();
      imageOrder.clear();
      held = 0;
      total = 0;
    },
    count: () => total,
    users: () => byUser.size,
    dropOldestImage() {
      for (let id = imageOrder.shift(); id !== undefined; id = imageOrder.shift()) {
        if (images.has(id)) return (drop(id), true);
      }
      return false;
    },
    forgetOldestUser: forgetLeastRecentUser,
  };
  return store;
}
