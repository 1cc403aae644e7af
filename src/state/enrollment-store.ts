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

export interface EnrollmentStore {
  /** Stores a SUCCESS's enrollment; past MAX_FACES_PER_USER the user's oldest face is dropped. */
  add(enrollment: Enrollment): Promise<void>;
  /** The faces of one user, oldest first. */
  faces(userId: string): Enrollment[];
  /** Every stored face, oldest first. */
  all(): Enrollment[];
  /** Seeds the store (a test's Given), each through add() so the limit holds. */
  seed(enrollments: Enrollment[]): Promise<void>;
  /** Forgets one user's faces (the console's "forget"); how many were dropped, 0 for an unknown user. */
  forget(userId: string): number;
  /** Forgets every enrollment: call it between tests. */
  reset(): void;
  count(): number;
}

/** The enrolled state, in @msw/data so it is queryable like any MSW data collection. Isomorphic. */
export function createEnrollmentStore(maxFacesPerUser = MAX_FACES_PER_USER): EnrollmentStore {
  const collection = new Collection({ schema: enrollmentSchema });
  const plain = (record: Enrollment): Enrollment => ({ ...record });
  const faces = (userId: string) => collection.findMany((q) => q.where({ userId })).map(plain);
  const store: EnrollmentStore = {
    async add(enrollment) {
      await collection.create(enrollment);
      const mine = collection.findMany((q) => q.where({ userId: enrollment.userId }));
      for (const old of mine.slice(0, Math.max(0, mine.length - maxFacesPerUser))) collection.delete(old);
    },
    faces,
    all: () => collection.all().map(plain),
    async seed(enrollments) {
      for (const enrollment of enrollments) await store.add(enrollment);
    },
    forget(userId) {
      const mine = collection.findMany((q) => q.where({ userId }));
      for (const face of mine) collection.delete(face);
      return mine.length;
    },
    reset: () => collection.clear(),
    count: () => collection.count(),
  };
  return store;
}
