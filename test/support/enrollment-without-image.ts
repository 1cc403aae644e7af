import type { Enrollment } from '../../src/state/enrollment-store.js';

/** A stored face, with no image facts unless given (as a forced SUCCESS without a readable image stores one), for seeding stores. */
export function enrollmentWithoutImage(userId: string, fields: Partial<Enrollment> = {}): Enrollment {
  return {
    userId,
    region: 'PHL',
    imageSha256: null,
    format: null,
    width: null,
    height: null,
    byteSize: null,
    enrolledAt: '2026-01-01T00:00:00.000Z',
    transactionId: `tx-${userId}`,
    ...fields,
  };
}
