import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import type { StartedMockServer } from '../../src/server/index.js';
import { startMockServer } from '../../src/server/start-mock-server.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
let mock: StartedMockServer;

beforeAll(async () => {
  mock = await startMockServer({ seed: 7 });
});
afterAll(() => mock.close());

const enroll = (userId: string) =>
  fetch(mock.url + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body: JSON.stringify({ faceImage: face, userId, region: 'PHL' }),
  }).then(async (response) => ({ status: response.status, body: (await response.json()) as { code: string } }));

describe('startMockServer (face-enroll-mock/server)', () => {
  it('listens on a free loopback port by default and answers an enroll', async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.url).not.toBe('http://127.0.0.1:4010');
    expect(await enroll('start-1')).toEqual({ status: 200, body: expect.objectContaining({ code: 'SUCCESS' }) });
  });

  it('exposes the store, the journal and the coverage of what it answered', async () => {
    await enroll('start-2');
    expect(await mock.store.count()).toBeGreaterThanOrEqual(1);
    expect((await mock.journal.list()).requests.map((entry) => entry.userId)).toContain('start-2');
    expect(mock.coverage().entries.find((entry) => entry.name === 'SUCCESS')!.count).toBeGreaterThanOrEqual(1);
  });

  it("answers from a rule added through its rule book, and the rule's hits count", async () => {
    const entry = await mock.rules.add({ name: 'from-code', match: { userId: 'ruled-1' }, outcome: 'REGION_WRONG' });
    expect((await enroll('ruled-1')).body.code).toBe('REGION_WRONG');
    expect((await mock.rules.list()).find((e) => e.id === entry.id)!.hits).toBe(1);
    await mock.rules.clear();
  });

  it('stops listening on close', async () => {
    const other = await startMockServer();
    await other.close();
    await expect(fetch(other.url + enrollPath, { method: 'POST' })).rejects.toThrow();
  });
});
