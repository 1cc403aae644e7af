import type { Enrollment } from './enrollment.js';

export type { Enrollment };

/** The vendor keeps at most 5 faces per user (inferred from Get Enroll, which lists up to 5 images). */
export const MAX_FACES_PER_USER = 5;

/** Total image bytes a store keeps by default (64 MiB): past it the oldest faces' bytes are dropped first. */
export const DEFAULT_IMAGE_MEMORY_BYTES = 64 * 1024 * 1024;

/**
 * Users a store keeps by default: past it the user enrolled least recently is forgotten first. At 5 faces of
 * about 300 bytes of record each, 100,000 users is under 200 MB of records at worst, and images are capped apart.
 */
export const DEFAULT_MAX_USERS = 100_000;

/** The bytes of one enrolled face, kept beside its (JSON-serialisable) record, keyed by its transactionId. */
export interface FaceImage {
  bytes: Uint8Array;
  contentType: 'image/jpeg' | 'image/png';
}

export interface EnrollmentStoreOptions {
  /** Total bytes of face images kept (the oldest dropped first). Default DEFAULT_IMAGE_MEMORY_BYTES. */
  imageMemoryBytes?: number;
  /** Users kept (the one enrolled least recently forgotten first, with its faces). Default DEFAULT_MAX_USERS. */
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
    throw new TypeError(`face-enroll-mock: cannot store the enrollment: ${list.join('; ')}. Pass an Enrollment (src/state/enrollment.ts).`);
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
 * maxFacesPerUser), never the whole store, so they cost the same at 100,000 faces as at 10 (docs/decisions/0015).
 * Two caps keep it bounded: image bytes (oldest faces' bytes dropped first) and users (the user enrolled least
 * recently forgotten first). Isomorphic.
 */
export function createEnrollmentStore(maxFacesPerUser = MAX_FACES_PER_USER, options: EnrollmentStoreOptions = {}): EnrollmentStore {
  // A Map keeps insertion order: a user who enrolls again is moved to the end, so the first key is the user
  // enrolled least recently, the one the user cap forgets first.
  const byUser = new Map<string, StoredFace[]>();
  // Bytes live outside the records so records stay JSON for the admin API; insertion order is the order the
  // memory cap drops them in.
  const images = new Map<string, FaceImage>();
  const cap = options.imageMemoryBytes ?? DEFAULT_IMAGE_MEMORY_BYTES;
  const maxUsers = Math.max(1, options.maxUsers ?? DEFAULT_MAX_USERS);
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
    for (const face of mine) drop(face.record.transactionId);
    byUser.delete(userId);
    total -= mine.length;
    return mine.length;
  };
  const plain = (face: StoredFace): Enrollment => ({ ...face.record });
  const store: EnrollmentStore = {
    async add(enrollment, image) {
      const record = checkedRecord(enrollment);
      const mine = byUser.get(record.userId) ?? [];
      byUser.delete(record.userId);
      mine.push({ record, seq: seq++ });
      byUser.set(record.userId, mine);
      total++;
      if (image && image.bytes.length <= cap) {
        images.set(record.transactionId, { bytes: image.bytes.slice(), contentType: image.contentType });
        held += image.bytes.length;
        for (const oldest of images.keys()) {
          if (held <= cap) break;
          drop(oldest);
        }
      }
      while (mine.length > maxFacesPerUser) {
        drop(mine.shift()!.record.transactionId);
        total--;
      }
      for (const oldest of byUser.keys()) {
        if (byUser.size <= maxUsers) break;
        removeUser(oldest);
      }
    },
    image: (transactionId) => images.get(transactionId),
    remove: removeUser,
    imageBytes: () => held,
    faces: (userId) => (byUser.get(userId) ?? []).map(plain),
    all: () =>
      [...byUser.values()]
        .flat()
        .sort((a, b) => a.seq - b.seq)
        .map(plain),
    async seed(enrollments) {
      for (const enrollment of enrollments) await store.add(enrollment);
    },
    forget: (userId) => store.remove(userId),
    reset() {
      byUser.clear();
      images.clear();
      held = 0;
      total = 0;
    },
    count: () => total,
  };
  return store;
}
