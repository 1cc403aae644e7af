import { Collection } from '@msw/data';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Enrollment } from './enrollment.js';

export type { Enrollment };

/** The vendor keeps at most 5 faces per user (inferred from Get Enroll, which lists up to 5 images). */
export const MAX_FACES_PER_USER = 5;

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

/** A Standard Schema for enrollments, written out so the store needs no modelling library. */
const enrollmentSchema: StandardSchemaV1<Enrollment, Enrollment> = {
  '~standard': {
    version: 1,
    vendor: 'face-enroll-mock',
    validate(value) {
      if (typeof value !== 'object' || value === null) return { issues: [{ message: 'an enrollment must be an object' }] };
      const record = value as Record<string, unknown>;
      const issues = Object.entries(FIELDS).flatMap(([key, type]) => {
        const v = record[key];
        const ok = type === 'string' ? typeof v === 'string' : v === null || typeof v === type.split('|')[0];
        return ok ? [] : [{ message: `${key} must be ${type}`, path: [key] }];
      });
      return issues.length ? { issues } : { value: value as Enrollment };
    },
  },
};

/** Total image bytes a store keeps by default (64 MiB): past it the oldest faces' bytes are dropped first. */
export const DEFAULT_IMAGE_MEMORY_BYTES = 64 * 1024 * 1024;

/** The bytes of one enrolled face, kept beside its (JSON-serialisable) record, keyed by its transactionId. */
export interface FaceImage {
  bytes: Uint8Array;
  contentType: 'image/jpeg' | 'image/png';
}

export interface EnrollmentStoreOptions {
  /** Total bytes of face images kept (the oldest dropped first). Default DEFAULT_IMAGE_MEMORY_BYTES. */
  imageMemoryBytes?: number;
}

export interface EnrollmentStore {
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

/** The enrolled state, in @msw/data so it is queryable like any MSW data collection. Isomorphic. */
export function createEnrollmentStore(maxFacesPerUser = MAX_FACES_PER_USER, options: EnrollmentStoreOptions = {}): EnrollmentStore {
  const collection = new Collection({ schema: enrollmentSchema });
  // Bytes live outside the collection so records stay JSON for the admin API; a Map keeps insertion order,
  // which is the order the memory cap drops them in.
  const images = new Map<string, FaceImage>();
  const cap = options.imageMemoryBytes ?? DEFAULT_IMAGE_MEMORY_BYTES;
  let held = 0;
  const drop = (transactionId: string) => {
    const image = images.get(transactionId);
    if (!image) return;
    held -= image.bytes.length;
    images.delete(transactionId);
  };
  const plain = (record: Enrollment): Enrollment => ({ ...record });
  const faces = (userId: string) => collection.findMany((q) => q.where({ userId })).map(plain);
  const store: EnrollmentStore = {
    async add(enrollment, image) {
      await collection.create(enrollment);
      if (image && image.bytes.length <= cap) {
        images.set(enrollment.transactionId, { bytes: image.bytes.slice(), contentType: image.contentType });
        held += image.bytes.length;
        for (const oldest of images.keys()) {
          if (held <= cap) break;
          drop(oldest);
        }
      }
      const mine = collection.findMany((q) => q.where({ userId: enrollment.userId }));
      for (const old of mine.slice(0, Math.max(0, mine.length - maxFacesPerUser))) {
        drop(old.transactionId);
        collection.delete(old);
      }
    },
    image: (transactionId) => images.get(transactionId),
    remove(userId) {
      const mine = collection.findMany((q) => q.where({ userId }));
      for (const face of mine) {
        drop(face.transactionId);
        collection.delete(face);
      }
      return mine.length;
    },
    imageBytes: () => held,
    faces,
    all: () => collection.all().map(plain),
    async seed(enrollments) {
      for (const enrollment of enrollments) await store.add(enrollment);
    },
    forget: (userId) => store.remove(userId),
    reset() {
      collection.clear();
      images.clear();
      held = 0;
    },
    count: () => collection.count(),
  };
  return store;
}
