import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  enrollPath,
  generateUrlOutcomes,
  generateUrlPath,
  getEnrollPath,
  getResultOutcomes,
  getResultPath,
} from '../generated/outcomes.js';
import { createEnrollmentStore } from '../state/enrollment-store.js';
import type { MockState } from '../state/mock-state.js';
import { createResponder } from './create-responder.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const json = (answer: { kind: string; body?: unknown }) => JSON.parse(String(answer.body)) as Record<string, unknown>;
const request = (path: string, body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', 'x-access-token': 't', ...headers },
  bodyText: JSON.stringify(body),
});

describe('X-Mock-Namespace (in memory)', () => {
  it('gives each namespace its own enrollments, journal and rate window; reset clears one namespace', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const responder = createResponder({ rules: false, rateLimit: 1, now: () => new Date(clock) });
    const enroll = (ns?: string) =>
      responder.respond(request(enrollPath, { faceImage: face, userId: 'u-1', region: 'PHL' }, ns ? { 'x-mock-namespace': ns } : {}));
    expect(json((await enroll('job-1')).answer).code).toBe('SUCCESS');
    // A rate limit of 1 per second: job-2's first request is its own window's first.
    expect(json((await enroll('job-2')).answer).code).toBe('SUCCESS');
    expect(json((await enroll('job-2')).answer).code).toBe('SERVICE_BUSY');
    // Get Enroll counts in the same rate window as enroll: read in the next second.
    clock += 1000;
    const count = async (ns?: string) => {
      const { answer } = await responder.respond(request(getEnrollPath, { userId: 'u-1' }, ns ? { 'x-mock-namespace': ns } : {}));
      return (json(answer).data as { imageUrlList: string[] }).imageUrlList.length;
    };
    expect([await count('job-1'), await count('job-2'), await count()]).toEqual([1, 1, 0]);
    expect(responder.store.count()).toBe(0);
    const admin = async (method: string, path: string, ns: string) =>
      (await responder.respond({ method, path, headers: { 'x-mock-namespace': ns } })).answer;
    const journal = (await admin('GET', '/__admin/requests', 'job-1')) as { body: string };
    expect(JSON.parse(journal.body).requests.map((r: { path: string }) => r.path)).toEqual([enrollPath, getEnrollPath]);
    await admin('POST', '/__admin/reset', 'job-1');
    clock += 1000;
    expect([await count('job-1'), await count('job-2')]).toEqual([0, 1]);
  });

  it('keeps a namespace whose state was used while 200 new names go to unknown paths or to enrolls', async () => {
    const responder = createResponder({ rules: false });
    const count = async (ns: string) => {
      const { answer } = await responder.respond(request(getEnrollPath, { userId: 'kept' }, { 'x-mock-namespace': ns }));
      return (json(answer).data as { imageUrlList: string[] }).imageUrlList.length;
    };
    const enroll = (userId: string, ns: string) =>
      responder.respond(request(enrollPath, { faceImage: face, userId, region: 'PHL' }, { 'x-mock-namespace': ns }));
    expect(json((await enroll('kept', 'victim')).answer).code).toBe('SUCCESS');
    // Names that reach no state (an unknown path) make no namespace and evict none.
    for (let i = 0; i < 200; i++) await responder.respond(request('/nowhere', {}, { 'x-mock-namespace': `nowhere-${i}` }));
    expect(await count('victim')).toBe(1);
    // Names that do use state evict the namespace used least recently, not the one created first.
    for (let i = 0; i < 150; i++) {
      await enroll('other', `busy-${i}`);
      if (i % 50 === 0) expect(await count('victim')).toBe(1);
    }
    expect(await count('victim')).toBe(1);
  });

  it("refuses a malformed namespace naming the header and the characters it takes: the API's CLIENT_ERROR envelope, the admin API's 400", async () => {
    const responder = createResponder();
    const { answer } = await responder.respond(request(getEnrollPath, { userId: 'u-1' }, { 'x-mock-namespace': 'a/b' }));
    expect(answer).toMatchObject({ kind: 'http', status: 400 });
    expect(json(answer)).toMatchObject({ code: 'CLIENT_ERROR', data: null });
    expect(json(answer).extra).toMatch(/^X-Mock-Namespace "a\/b" must be 1 to 64 of A-Z a-z 0-9 \. _ -/);
    const admin = await responder.respond({ method: 'GET', path: '/__admin/requests', headers: { 'x-mock-namespace': 'a/b' } });
    expect(admin.answer).toMatchObject({ kind: 'http', status: 400 });
    expect(json(admin.answer).error).toMatch(/^X-Mock-Namespace "a\/b" must be/);
  });
});

describe('a shared state that fails', () => {
  const broken = (): MockState => {
    const fail = () => Promise.reject(new Error('connection refused'));
    const enrollments = createEnrollmentStore();
    const state: MockState = {
      kind: 'redis',
      enrollments: { ...enrollments, add: fail, faces: fail },
      journal: { record: () => {}, list: fail, clear: fail, subscribe: () => () => {} },
      rateWindow: { hit: fail },
      authentications: { add: fail, get: fail, complete: fail, all: fail, reset: fail },
      rules: { snapshot: fail, add: fail, remove: fail, clear: fail, take: fail, reset: fail },
      namespace: () => state,
      reset: fail,
      health: async () => ({ kind: 'redis', reachable: false, detail: 'redis://127.0.0.1:1: connection refused' }),
      close: async () => {},
    };
    return state;
  };

  it("answers the API's ERROR envelope saying why, and the admin API 503, instead of throwing", async () => {
    const responder = createResponder({ rules: false, state: broken() });
    // Enroll decides, then cannot store: the responder answers for the store.
    const { answer } = await responder.respond(request(enrollPath, { faceImage: face, userId: 'u-1', region: 'PHL' }));
    expect(answer).toMatchObject({ kind: 'http', status: 200 });
    expect(json(answer)).toMatchObject({ code: 'ERROR', message: 'Server error', extra: 'the shared store failed: connection refused' });
    expect(json(answer).transactionId).toMatch(/^(?!0{16})[0-9a-f]{16}$/);
    // Get Enroll's own guard answers ERROR too, saying why in `extra` as enroll does.
    const listedFaces = json((await responder.respond(request(getEnrollPath, { userId: 'u-1' }))).answer);
    expect(listedFaces).toMatchObject({ code: 'ERROR', extra: 'the shared store failed: connection refused' });
    const listed = await responder.respond({ method: 'GET', path: '/__admin/requests' });
    expect(listed.answer).toMatchObject({ kind: 'http', status: 503 });
    const health = await responder.respond({ method: 'GET', path: '/__admin/health' });
    expect(health.answer).toMatchObject({ kind: 'http', status: 503 });
    expect(json(health.answer)).toMatchObject({ status: 'unavailable', store: { kind: 'redis', reachable: false } });
  });

  it('answers Generate URL and Get Result in their own envelope, without pricingStrategy, when the store fails', async () => {
    // The rate limit reads the shared window first: the store fails before any operation's own check.
    const responder = createResponder({ rules: false, state: broken(), rateLimit: 5 });
    for (const [path, { message }] of [
      [generateUrlPath, generateUrlOutcomes.ERROR],
      [getResultPath, getResultOutcomes.ERROR],
    ] as const) {
      const body = json((await responder.respond(request(path, { signatureId: 's-1' }))).answer);
      expect(body).toMatchObject({ code: 'ERROR', message, extra: 'the shared store failed: connection refused' });
      expect(Object.keys(body).sort()).toEqual(['code', 'data', 'extra', 'message', 'transactionId']);
    }
  });
});

describe('budgets shared by every in-memory namespace', () => {
  const admin = async (responder: ReturnType<typeof createResponder>, path: string, ns: string) =>
    JSON.parse(
      String(((await responder.respond({ method: 'GET', path, headers: { 'x-mock-namespace': ns } })).answer as { body: string }).body),
    );
  const enroll = (responder: ReturnType<typeof createResponder>, userId: string, ns: string) =>
    responder.respond(request(enrollPath, { faceImage: face, userId, region: 'PHL' }, { 'x-mock-namespace': ns }));
  const names = ['job-1', 'job-2', 'job-3', 'job-4'];

  it('keeps one image-byte budget: 4 namespaces x 5 faces hold the bytes of 3, the namespace used last keeping its newest', async () => {
    const size = Buffer.from(face, 'base64').length;
    const responder = createResponder({ rules: false, imageMemoryBytes: size * 3 + 1 });
    for (const ns of names) for (let i = 0; i < 5; i++) expect(json((await enroll(responder, `u-${i}`, ns)).answer).code).toBe('SUCCESS');
    const withBytes = async (ns: string) =>
      ((await admin(responder, '/__admin/enrollments', ns)).enrollments as Array<{ userId: string; imageUrl?: string }>)
        .filter((entry) => entry.imageUrl)
        .map((entry) => entry.userId);
    const kept = await Promise.all(names.map(withBytes));
    expect(kept).toEqual([[], [], [], ['u-2', 'u-3', 'u-4']]);
    // The records stay (only bytes are dropped): every namespace still lists its 5 faces.
    for (const ns of names) expect((await admin(responder, '/__admin/enrollments', ns)).enrollments).toHaveLength(5);
  });

  it('keeps one user count and one journal-entry budget across namespaces, the least recently used giving up its oldest first', async () => {
    const responder = createResponder({ rules: false, maxUsers: 6, journalSize: 8 });
    for (const ns of names) for (let i = 0; i < 3; i++) await enroll(responder, `u-${i}`, ns);
    const users = await Promise.all(
      names.map(async (ns) => ((await admin(responder, '/__admin/enrollments', ns)).enrollments as Array<{ userId: string }>).length),
    );
    expect(users).toEqual([0, 0, 3, 3]);
    const entries = await Promise.all(names.map(async (ns) => (await admin(responder, '/__admin/requests', ns)).requests.length));
    // Reading the journals (above) is no change of state; the 12 enrolls left the 8 newest, job-3's and job-4's first.
    expect(entries.reduce((a: number, b: number) => a + b, 0)).toBeLessThanOrEqual(8);
    expect(entries.slice(2)).toEqual([3, 3]);
  });
});
