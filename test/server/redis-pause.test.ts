import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { redisSkipReason, startRedis, type RunningRedis } from '../support/redis-server.js';

// A write whose reply Redis sends after the request gave up (3 s) has an unknown outcome when the request answers
// ERROR; the store removes it again when it lands, so that only SUCCESS changes the state.
const skipReason = redisSkipReason();
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');

let redis: RunningRedis;
let server: MockServer;
let url: string;

beforeAll(async () => {
  if (skipReason) return;
  redis = await startRedis();
  // The answer's delay lets the test pause Redis after the request read its rules and before it writes.
  server = await createMockServer({ storeUrl: redis.url, rules: false, delay: 1000 });
  url = await server.listen(0);
}, 30_000);
afterAll(async () => {
  await server?.close();
  await redis?.stop();
});

const enroll = async (userId: string) =>
  (await (
    await fetch(url + enrollPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': 't' },
      body: JSON.stringify({ faceImage: face, userId, region: 'PHL' }),
    })
  ).json()) as { code: string; extra: string };
const faces = async (userId: string) =>
  ((await (await fetch(`${url}/__admin/enrollments/${userId}`)).json()) as { enrollments: unknown[] }).enrollments.length;

it('leaves no ghost of an enroll answered ERROR while Redis was paused, once Redis resumes', async (ctx) => {
  if (skipReason) return ctx.skip(skipReason);
  // Redis knows the add script from a first enroll, so the paused add is sent as EVALSHA and runs on resume.
  expect((await enroll('warm-user')).code).toBe('SUCCESS');
  const answered = enroll('paused-user');
  await new Promise((resolve) => setTimeout(resolve, 400));
  redis.freeze();
  let code: string;
  try {
    code = (await answered).code;
  } finally {
    redis.thaw();
  }
  expect(code).toBe('ERROR');
  // Redis now runs the add it held; the store takes it back when its late reply comes.
  expect((await enroll('resumed-user')).code).toBe('SUCCESS');
  const deadline = Date.now() + 3000;
  let stored = await faces('paused-user');
  while (stored > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    stored = await faces('paused-user');
  }
  expect([stored, await faces('resumed-user')]).toEqual([0, 1]);
}, 30_000);
