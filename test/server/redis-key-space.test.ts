import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { redisSkipReason, startRedis, type RunningRedis } from '../support/redis-server.js';

// Namespaces are named by clients (X-Mock-Namespace); no name may reach a key that is not its own.
const skipReason = redisSkipReason();

let redis: RunningRedis;
let server: MockServer;
let url: string;

beforeAll(async () => {
  if (skipReason) return;
  redis = await startRedis();
  server = await createMockServer({ storeUrl: redis.url, rules: false });
  url = await server.listen(0);
}, 30_000);
afterAll(async () => {
  await server?.close();
  await redis?.stop();
});

const addRule = async (name: string, namespace: string) => {
  const response = await fetch(`${url}/__admin/rules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mock-namespace': namespace },
    body: JSON.stringify({ name, match: { userId: name }, outcome: 'REGION_WRONG' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

it("resetting a namespace named like a global key leaves the other namespaces' rule ids unique", async (ctx) => {
  if (skipReason) return ctx.skip(skipReason);
  const first = await addRule('first', 'team-a');
  // The namespace `rules` owns the keys fem:rules:*, where the Redis-wide rule counter once lived.
  const reset = await fetch(`${url}/__admin/reset`, { method: 'POST', headers: { 'x-mock-namespace': 'rules' } });
  expect(reset.status).toBe(204);
  const second = await addRule('second', 'team-a');
  expect(second).not.toBe(first);
  const listed = await (await fetch(`${url}/__admin/rules`, { headers: { 'x-mock-namespace': 'team-a' } })).json();
  expect((listed.rules as Array<{ label: string }>).map((rule) => rule.label)).toEqual(['second', 'first']);
});
