import { describe, expect, it } from 'vitest';
import { createEnrollmentStore, type Enrollment } from './enrollment-store.js';
import { enrollmentWithoutImage } from '../../test/support/enrollment-without-image.js';

const face = (userId: string, n: number): Enrollment =>
  enrollmentWithoutImage(userId, { enrolledAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), transactionId: `tx-${userId}-${n}` });
const image = (size: number) => ({ bytes: new Uint8Array(size), contentType: 'image/jpeg' as const });

describe('the in-memory enrollment store', () => {
  it('forgets the user enrolled least recently, with its faces and bytes, past maxUsers', async () => {
    const store = createEnrollmentStore(5, { maxUsers: 2 });
    await store.add(face('a', 1), image(10));
    await store.add(face('b', 2), image(10));
    await store.add(face('a', 3), image(10)); // a enrolled again: b is now the least recent
    await store.add(face('c', 4), image(10));
    expect(store.faces('b')).toEqual([]);
    expect(store.image('tx-b-2')).toBeUndefined();
    expect(store.faces('a').map((f) => f.transactionId)).toEqual(['tx-a-1', 'tx-a-3']);
    expect([store.count(), store.imageBytes()]).toEqual([3, 30]);
  });

  it('keeps a user at maxFacesPerUser faces, the oldest dropped with its bytes', async () => {
    const store = createEnrollmentStore(2);
    for (let n = 1; n <= 3; n++) await store.add(face('a', n), image(5));
    expect(store.faces('a').map((f) => f.transactionId)).toEqual(['tx-a-2', 'tx-a-3']);
    expect([store.count(), store.imageBytes(), store.image('tx-a-1')]).toEqual([2, 10, undefined]);
  });

  it('lists every face oldest first across users, and removes one user only', async () => {
    const store = createEnrollmentStore();
    await store.seed([face('a', 1), face('b', 2), face('a', 3)]);
    expect(store.all().map((f) => f.transactionId)).toEqual(['tx-a-1', 'tx-b-2', 'tx-a-3']);
    expect(store.remove('a')).toBe(2);
    expect([store.count(), store.all().map((f) => f.userId), store.remove('a')]).toEqual([1, ['b'], 0]);
  });

  it('hands out copies: changing a listed face does not change the store', async () => {
    const store = createEnrollmentStore();
    await store.add(face('a', 1));
    store.faces('a')[0]!.region = 'IDN';
    store.all()[0]!.region = 'IDN';
    expect(store.faces('a')[0]!.region).toBe('PHL');
  });

  it('refuses a record with a wrong field, naming it', async () => {
    const store = createEnrollmentStore();
    await expect(store.add({ ...face('a', 1), width: '12' } as unknown as Enrollment)).rejects.toThrow(
      /width must be number\|null, got "12"/,
    );
    expect(store.count()).toBe(0);
  });
});
