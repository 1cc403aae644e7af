import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRedisState } from '../../src/node/redis/create-redis-state.js';
import type { MockState } from '../../src/state/mock-state.js';
import { redisSkipReason, startRedis, type RunningRedis } from '../support/redis-server.js';
import { enrollmentWithoutImage } from '../support/enrollment-without-image.js';

// Every CI job sharing a deployment names its own namespace; their number is bounded on Redis as in memory.
const skipReason = redisSkipReason();

let redis: RunningRedis;
let state: MockState;

beforeAll(async () => {
  if (skipReason) return;
  redis = await startRedis();
  state = await createRedisState({ url: redis.url, maxNamespaces: 2 });
}, 30_000);
afterAll(async () => {
  await state?.close();
  await redis?.stop();
});

const face = (userId: string) => enrollmentWithoutImage(userId);

it('forgets the namespace used least recently, whole, once more than the most kept have changed', async (ctx) => {
  if (skipReason) return ctx.skip(skipReason);
  await state.enrollments.add(face('root-user'));
  for (const name of ['job-a', 'job-b']) await state.namespace(name).enrollments.add(face(`${name}-user`));
  // Reading namespaces that hold nothing makes none, so it pushes nobody out.
  for (let i = 0; i < 5; i++) expect(await state.namespace(`reader-${i}`).enrollments.count()).toBe(0);
  expect(await state.namespace('job-a').enrollments.count()).toBe(1);

  await state.namespace('job-c').enrollments.add(face('job-c-user'));
  await expect.poll(() => state.namespace('job-a').enrollments.count()).toBe(0);
  expect(await state.namespace('job-b').enrollments.count()).toBe(1);
  expect(await state.namespace('job-c').enrollments.count()).toBe(1);
  // The root is never counted and never forgotten.
  expect(await state.enrollments.count()).toBe(1);
});

it('no longer counts a namespace once it is reset', async (ctx) => {
  if (skipReason) return ctx.skip(skipReason);
  for (const name of ['job-b', 'job-c']) await state.namespace(name).reset();
  await state.namespace('older').enrollments.add(face('older-user'));
  await state.namespace('newer').enrollments.add(face('newer-user'));
  await state.namespace('newer').reset();
  // Were the reset namespace still counted, a third would push out `older` (used before `newer`).
  await state.namespace('third').enrollments.add(face('third-user'));
  // A forgetting runs in the background after the change that caused it; give it time to show, were it wrong.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await state.namespace('older').enrollments.count()).toBe(1);
  expect(await state.namespace('third').enrollments.count()).toBe(1);
});

it('counts a namespace written again after another replica forgot it, so it is forgotten in its turn', async (ctx) => {
  if (skipReason) return ctx.skip(skipReason);
  const a = await createRedisState({ url: redis.url, maxNamespaces: 1 });
  const b = await createRedisState({ url: redis.url, maxNamespaces: 1 });
  try {
    await b.namespace('victim').enrollments.add(face('v1'));
    await a.namespace('flood-1').enrollments.add(face('f1'));
    await expect.poll(() => b.namespace('victim').enrollments.count()).toBe(0);
    // Written again at once, through the replica that wrote it first.
    await b.namespace('victim').enrollments.add(face('v2'));
    for (const name of ['flood-2', 'flood-3']) await a.namespace(name).enrollments.add(face(name));
    // One namespace kept: the last one written. The victim was counted again and forgotten in its turn.
    await expect.poll(() => b.namespace('victim').enrollments.count()).toBe(0);
    expect(await a.namespace('flood-3').enrollments.count()).toBe(1);
  } finally {
    await a.close();
    await b.close();
  }
});
