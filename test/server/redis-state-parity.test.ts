import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisState } from '../../src/node/redis/create-redis-state.js';
import type { Authentication } from '../../src/state/authentication-store.js';
import { createMemoryState } from '../../src/state/create-memory-state.js';
import type { JournalEntry } from '../../src/state/create-journal.js';
import type { Enrollment } from '../../src/core/enroll/enrollment.js';
import type { MockState } from '../../src/state/mock-state.js';
import { redisSkipReason, startRedis, type RunningRedis } from '../support/redis-server.js';
import { enrollmentWithoutImage } from '../support/enrollment-without-image.js';

// One table of the state port's operations, run against the memory and the Redis implementation: each row's
// answers must be the same on both (the responder never asks which backend it has).
const skipReason = redisSkipReason();

const face = (userId: string, transactionId: string): Enrollment =>
  enrollmentWithoutImage(userId, { transactionId, format: 'jpeg', width: 10, height: 10, byteSize: 3 });
const entry = (path: string): Omit<JournalEntry, 'id'> => ({
  time: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  path,
  status: 200,
  outcome: 'SUCCESS',
  source: 'check',
  detail: 'stored',
  latencyMs: 1,
  userId: 'u'.repeat(3000),
});
const authentication = (signatureId: string): Authentication => ({
  signatureId,
  userId: 'u-1',
  region: 'PHL',
  returnUrl: 'http://127.0.0.1/ok',
  failReturnUrl: 'http://127.0.0.1/fail',
  callbackUrl: '',
  inputParameters: {},
  url: 'http://127.0.0.1/h5',
  createdAt: '2026-01-01T00:00:00.000Z',
  result: null,
});
const ids = (faces: Enrollment[]) => faces.map((one) => one.transactionId);

/** [what the row does, the operations on one namespace of the port, returning what both must agree on]. */
const rows: Array<[string, (state: MockState) => Promise<unknown>]> = [
  [
    'stores faces by user, lists them oldest first, counts, removes one user',
    async (state) => {
      const store = state.enrollments;
      await store.add(face('u-1', 't-1'));
      await store.add(face('u-2', 't-2'));
      await store.add(face('u-1', 't-3'));
      const before = [ids(await store.faces('u-1')), ids(await store.all()), await store.count()];
      return [...before, await store.remove('u-1'), await store.count(), ids(await store.all()), await store.forget('nobody')];
    },
  ],
  [
    'keeps at most 5 faces a user, the oldest dropped first',
    async (state) => {
      for (let i = 1; i <= 7; i++) await state.enrollments.add(face('u-1', `t-${i}`));
      return [ids(await state.enrollments.faces('u-1')), await state.enrollments.count()];
    },
  ],
  [
    'keeps image bytes and their type by transaction id, and counts them',
    async (state) => {
      await state.enrollments.add(face('u-1', 't-1'), { bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png' });
      const image = await state.enrollments.image('t-1');
      return [image && [...image.bytes], image?.contentType, await state.enrollments.imageBytes(), await state.enrollments.image('t-9')];
    },
  ],
  [
    'journals entries with ids from 1, cut as the journal cuts texts, and clears them',
    async (state) => {
      const seen: number[] = [];
      const stop = state.journal.subscribe((recorded) => seen.push(recorded.id));
      for (const path of ['/a', '/b', '/c']) state.journal.record(entry(path));
      const listed = await state.journal.list();
      stop();
      await state.journal.clear();
      return [
        listed.requests.map((one) => [one.id, one.path, one.userId!.length]),
        listed.dropped,
        seen,
        (await state.journal.list()).requests,
      ];
    },
  ],
  [
    'counts the rate window per second',
    async (state) => [
      await state.rateWindow.hit(100),
      await state.rateWindow.hit(100),
      await state.rateWindow.hit(100),
      await state.rateWindow.hit(101),
    ],
  ],
  [
    'keeps authentications and records a result only once',
    async (state) => {
      await state.authentications.add(authentication('s-1'));
      const result = { overallResult: 'PASS' as const, errorCode: null, faceDetail: null, completedAt: '2026-01-01T00:00:01.000Z' };
      const first = await state.authentications.complete('s-1', result);
      const second = await state.authentications.complete('s-1', result);
      return [first?.result, second, (await state.authentications.get('s-1'))?.result, await state.authentications.get('s-9')];
    },
  ],
  [
    'keeps runtime rules newest first and takes their hits up to a limit',
    async (state) => {
      const first = await state.rules.add({ name: 'one', match: { userId: 'a' }, outcome: 'ERROR' });
      await state.rules.add({ name: 'two', match: { userId: 'b' }, outcome: 'ERROR' });
      const taken = [];
      for (let i = 0; i < 3; i++) taken.push(await state.rules.take(first, 2, first));
      const names = (await state.rules.snapshot()).runtime.map((stored) => stored.rule.name);
      const removed = [await state.rules.remove(first), await state.rules.remove(first)];
      return [names, taken, removed, await state.rules.take(first, undefined, first), (await state.rules.snapshot()).runtime.length];
    },
  ],
  [
    "keeps a namespace's state from its neighbours and forgets it on reset",
    async (state) => {
      await state.namespace('left').enrollments.add(face('u-1', 't-1'));
      const seen = [await state.namespace('left').enrollments.count(), await state.namespace('right').enrollments.count()];
      await state.namespace('left').reset();
      return [...seen, await state.namespace('left').enrollments.count(), (await state.namespace('left').journal.list()).requests];
    },
  ],
];

describe.skipIf(skipReason)('the state port answers alike in memory and on Redis', () => {
  let redis: RunningRedis;
  let shared: MockState;
  beforeAll(async () => {
    redis = await startRedis();
    shared = await createRedisState({ url: redis.url });
  }, 30_000);
  afterAll(async () => {
    await shared?.close();
    await redis?.stop();
  });

  it.each(rows.map(([name, run], i) => [name, run, `row-${i}`] as const))('%s', async (_name, run, namespace) => {
    const memory = await run(createMemoryState().namespace(namespace));
    const onRedis = await run(shared.namespace(namespace));
    expect(onRedis).toEqual(memory);
  });
});
