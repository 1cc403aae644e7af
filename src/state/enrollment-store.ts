import { Collection } from '@msw/data';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Enrollment } from './enrollment.js';
import { createFifo } from './fifo.js';

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

/** A stored face: the enrollment's fields and its order of arrival over the whole store (all() lists oldest first). */
type StoredFace = Enrollment & { seq: number };

/**
 * The Standard Schema of a stored face, written out so the store needs no modelling library. Its value is a
 * copy of the known fields only, so the collection never holds the caller's object (seed() takes records from
 * JavaScript) nor fields an Enrollment does not have.
 */
const storedFaceSchema: StandardSchemaV1<StoredFace, StoredFace> = {
  '~standard': {
    version: 1,
    vendor: 'face-enroll-mock',
    validate(value) {
      if (typeof value !== 'object' || value === null)
        return { issues: [{ message: `an enrollment must be an object, got ${String(value)}` }] };
      const record = value as Record<string, unknown>;
      const issues = Object.entries(FIELDS).flatMap(([key, type]) => {
        const v = record[key];
        const ok = type === 'string' ? typeof v === 'string' : v === null || typeof v === type.split('|')[0];
        return ok ? [] : [{ message: `${key} must be ${type}, got ${JSON.stringify(v) ?? 'undefined'}`.slice(0, 200), path: [key] }];
      });
      if (typeof record.seq !== 'number') issues.push({ message: 'seq must be number (the store sets it)', path: ['seq'] });
      if (issues.length) return { issues };
      const { userId, region, imageSha256, format, width, height, byteSize, enrolledAt, transactionId, seq } =
        record as unknown as StoredFace;
      // A literal, not Object.fromEntries: V8 keeps its fields in the object itself (100,000 of these are held).
      return { value: { userId, region, imageSha256, format, width, height, byteSize, enrolledAt, transactionId, seq } };
    },
  },
};

/**
 * Shard collections a store spreads its users over, by a hash of the userId. One @msw/data Collection scans
 * its records to find, delete or update one (`findIndex`), so a single collection makes an add cost grow with
 * the store; one collection per user costs ~2.8 KB each. With 1,024 shards 100,000 users are ~100 records a
 * shard, and a user's faces, deletes and updates scan one shard only (docs/decisions/0017-store-indexed-by-user.md).
 */
export const STORE_SHARDS = 1024;

/** FNV-1a over the userId's UTF-16 code units: a cheap, well-spread hash to pick a shard. */
function shardOf(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % STORE_SHARDS;
}

/**
 * The enrolled state in memory, in @msw/data collections sharded by user: add, faces and remove touch one
 * shard (a few dozen records at 100,000 users), never the whole store, so an add costs the same at 100,000
 * users as at 1,000 (docs/decisions/0017-store-indexed-by-user.md). Two caps keep it bounded: image bytes
 * (oldest faces' bytes dropped first) and users (the user enrolled least recently forgotten first). Isomorphic.
 */
export function createEnrollmentStore(maxFacesPerUser = MAX_FACES_PER_USER, options: EnrollmentStoreOptions = {}): EnrollmentStore {
  // Created on first use: a test's store with a handful of users holds a handful of collections.
  const shards: Array<Collection<typeof storedFaceSchema> | undefined> = [];
  type Face = ReturnType<Collection<typeof storedFaceSchema>['all']>[number];
  const shard = (userId: string) => (shards[shardOf(userId)] ??= new Collection({ schema: storedFaceSchema }));
  // The user's faces, oldest first (a collection keeps its records in the order they were created).
  // all() hands out the shard's own array: a plain filter over it reads the few dozen records of one shard
  // without findMany's query and generator per record.
  const facesOf = (userId: string): Face[] => shards[shardOf(userId)]?.all().filter((face) => face.userId === userId) ?? [];
  // The order the user cap forgets users in: one entry per add, live while that add is still the user's newest
  // face; stale ones (the user enrolled again, or was removed) are skipped when met and cleared out when they
  // outnumber the live ones.
  const userOrder = createFifo<{ userId: string; seq: number }>();
  const isLive = (entry: { userId: string; seq: number }) => facesOf(entry.userId).at(-1)?.seq === entry.seq;
  // Bytes live outside the records so records stay JSON for the admin API; imageOrder is the order the memory
  // cap drops them in (entries of bytes already dropped are skipped).
  const images = new Map<string, FaceImage>();
  const imageOrder = createFifo<string>();
  const cap = options.imageMemoryBytes ?? DEFAULT_IMAGE_MEMORY_BYTES;
  const maxUsers = Math.max(1, options.maxUsers ?? DEFAULT_MAX_USERS);
  let held = 0;
  let total = 0;
  let users = 0;
  let seq = 0;
  const drop = (transactionId: string) => {
    const image = images.get(transactionId);
    if (!image) return;
    held -= image.bytes.length;
    images.delete(transactionId);
  };
  // Deletes the given faces of one user (passing the record itself: @msw/data then looks up its index only).
  const removeFaces = (userId: string, mine: Face[]): number => {
    if (!mine.length) return 0;
    const collection = shard(userId);
    for (const face of mine) {
      drop(face.transactionId);
      collection.delete(face);
    }
    total -= mine.length;
    users--;
    return mine.length;
  };
  const removeUser = (userId: string) => removeFaces(userId, facesOf(userId));
  const forgetLeastRecentUser = () => {
    for (let entry = userOrder.shift(); entry; entry = userOrder.shift()) {
      const mine = facesOf(entry.userId);
      if (mine.at(-1)?.seq === entry.seq) return void removeFaces(entry.userId, mine);
    }
  };
  const plain = ({ seq: _seq, ...enrollment }: StoredFace): Enrollment => enrollment;
  const put = async (enrollment: Enrollment, image?: FaceImage) => {
    const checked = storedFaceSchema['~standard'].validate({ ...enrollment, seq: seq++ }) as StandardSchemaV1.Result<StoredFace>;
    if (checked.issues) {
      const list = checked.issues.map((issue) => issue.message);
      throw new TypeError(
        `face-enroll-mock: cannot store the enrollment: ${list.join('; ')}. Pass an Enrollment (src/state/enrollment.ts).`,
      );
    }
    const { userId, transactionId, seq: mySeq } = checked.value;
    const collection = shard(userId);
    await collection.create(checked.value);
    total++;
    const mine = facesOf(userId);
    if (mine.length === 1) users++;
    userOrder.push({ userId, seq: mySeq });
    if (image && image.bytes.length <= cap) {
      images.set(transactionId, { bytes: image.bytes.slice(), contentType: image.contentType });
      imageOrder.push(transactionId);
      held += image.bytes.length;
      while (held > cap) drop(imageOrder.shift()!);
    }
    for (const old of mine.slice(0, Math.max(0, mine.length - maxFacesPerUser))) {
      drop(old.transactionId);
      collection.delete(old);
      total--;
    }
    while (users > maxUsers) forgetLeastRecentUser();
    // Stale entries (users who enrolled again, bytes dropped with their face) are cleared out once they
    // outnumber the live ones: O(n) once per n adds.
    if (userOrder.length > 2 * users + 1024) userOrder.retain(isLive);
    if (imageOrder.length > 2 * images.size + 1024) imageOrder.retain((id) => images.has(id));
  };
  // Adds run one after another: a collection's create is asynchronous, and the user count reads the shard
  // after it, so two adds must not interleave there. remove, faces and the rest are synchronous.
  let adding: Promise<unknown> = Promise.resolve();
  const store: EnrollmentStore = {
    add(enrollment, image) {
      const done = adding.then(() => put(enrollment, image));
      adding = done.catch(() => undefined);
      return done;
    },
    image: (transactionId) => images.get(transactionId),
    remove: removeUser,
    imageBytes: () => held,
    faces: (userId) => facesOf(userId).map(plain),
    all: () =>
      shards
        .flatMap((collection) => collection?.all() ?? [])
        .sort((a, b) => a.seq - b.seq)
        .map(plain),
    async seed(enrollments) {
      for (const enrollment of enrollments) await store.add(enrollment);
    },
    forget: (userId) => store.remove(userId),
    reset() {
      for (const collection of shards) collection?.clear();
      userOrder.clear();
      images.clear();
      imageOrder.clear();
      held = 0;
      total = 0;
      users = 0;
    },
    count: () => total,
  };
  return store;
}
