import { describe, expect, it } from 'vitest';
import { createMemoryState } from './create-memory-state.js';
import type { Enrollment } from '../core/enroll/enrollment.js';
import { enrollmentWithoutImage } from '../../test/support/enrollment-without-image.js';

const face = (userId: string, transactionId: string): Enrollment =>
  enrollmentWithoutImage(userId, { transactionId, format: 'jpeg', width: 10, height: 10, byteSize: 4 });
const image = { bytes: new Uint8Array(4), contentType: 'image/jpeg' as const };

describe('createMemoryState', () => {
  it('takes image bytes from the namespace used least recently, the root included, whichever was written first', async () => {
    const state = createMemoryState({ imageMemoryBytes: 8 });
    await state.enrollments.add(face('root-user', 't-root'), image);
    await state.namespace('a').enrollments.add(face('a-user', 't-a'), image);
    // The root is read after `a` was written: `a` is now the one used least recently.
    expect(state.enrollments.faces('root-user')).toHaveLength(1);
    await state.namespace('b').enrollments.add(face('b-user', 't-b'), image);
    expect([state.enrollments.image('t-root') !== undefined, state.namespace('a').enrollments.image('t-a') !== undefined]).toEqual([
      true,
      false,
    ]);
    expect(
      state.enrollments.imageBytes() +
        (await state.namespace('a').enrollments.imageBytes()) +
        (await state.namespace('b').enrollments.imageBytes()),
    ).toBe(8);
  });

  it('makes no namespace for reads: 300 unknown names read leave the 100 namespaces kept as they were', async () => {
    const state = createMemoryState();
    await state.namespace('kept').enrollments.add(face('u', 't-1'));
    for (let i = 0; i < 300; i++) expect(await state.namespace(`read-${i}`).enrollments.faces('u')).toEqual([]);
    expect(await state.namespace('kept').enrollments.count()).toBe(1);
    for (let i = 0; i < 100; i++)
      state
        .namespace(`written-${i}`)
        .journal.record({ time: '', method: 'GET', path: '/', status: 200, outcome: 'SUCCESS', source: 'check', detail: '', latencyMs: 0 });
    expect(await state.namespace('kept').enrollments.count()).toBe(0);
  });
});
