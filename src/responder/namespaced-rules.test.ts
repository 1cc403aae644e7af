import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enrollPath } from '../generated/outcomes.js';
import { createResponder, type Responder } from './create-responder.js';
import { createJournal } from '../state/create-journal.js';
import { createAuthenticationStore } from '../state/authentication-store.js';
import { createEnrollmentStore } from '../state/enrollment-store.js';
import type { MockState } from '../state/mock-state.js';
import { createMemoryRuleState } from '../state/rule-state.js';

// Runtime rules and hit counts per X-Mock-Namespace, in memory (MSW, a server without --store redis://).
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const json = (answer: { kind: string; body?: unknown }) => JSON.parse(String(answer.body)) as Record<string, unknown>;
const scoped = (ns?: string): Record<string, string> => (ns ? { 'x-mock-namespace': ns } : {});

const enroll = async (responder: Responder, userId: string, ns?: string) =>
  json(
    (
      await responder.respond({
        method: 'POST',
        path: enrollPath,
        headers: { 'content-type': 'application/json', 'x-access-token': 't', ...scoped(ns) },
        bodyText: JSON.stringify({ faceImage: face, userId, region: 'PHL' }),
      })
    ).answer,
  ).code;

const admin = async (responder: Responder, method: string, path: string, ns?: string, body?: unknown) => {
  const { answer } = await responder.respond({
    method,
    path,
    headers: { 'content-type': 'application/json', ...scoped(ns) },
    ...(body !== undefined ? { bodyText: JSON.stringify(body) } : {}),
  });
  return answer as { status: number; body?: string };
};

const listed = async (responder: Responder, ns?: string) =>
  (JSON.parse((await admin(responder, 'GET', '/__admin/rules', ns)).body!).rules as Array<{ label: string; hits: number }>).map(
    (rule) => `${rule.label} ${rule.hits}`,
  );

const fileRules = [
  { name: 'file-twice', match: { userId: 'twice' }, outcome: 'REGION_WRONG' as const, times: 2 },
  { name: 'file-steps', match: { userId: 'steps' }, sequence: ['REGION_WRONG' as const, 'PARAMETER_ERROR' as const] },
];

describe('runtime rules per X-Mock-Namespace (in memory)', () => {
  it('applies and lists a rule added with a namespace in that namespace only', async () => {
    const responder = createResponder({ rules: false });
    const added = await admin(responder, 'POST', '/__admin/rules', 'job-a', {
      name: 'a-only',
      match: { userId: 'u' },
      outcome: 'REGION_WRONG',
    });
    expect(added.status).toBe(201);
    expect([await enroll(responder, 'u', 'job-a'), await enroll(responder, 'u', 'job-b'), await enroll(responder, 'u')]).toEqual([
      'REGION_WRONG',
      'SUCCESS',
      'SUCCESS',
    ]);
    expect([await listed(responder, 'job-a'), await listed(responder, 'job-b'), await listed(responder)]).toEqual([['a-only 1'], [], []]);
    // The root's synchronous handle (MSW's mock.rules) sees the root namespace's rules only.
    const root = responder.rules.sync(responder.state.rules);
    expect(root.entries()).toEqual([]);
    root.add({ name: 'root-rule', match: { userId: 'u' }, outcome: 'PARAMETER_ERROR' });
    expect([await enroll(responder, 'u'), await enroll(responder, 'u', 'job-b')]).toEqual(['PARAMETER_ERROR', 'SUCCESS']);
  });

  it("counts the file's times and sequence per namespace", async () => {
    const responder = createResponder({ rules: fileRules });
    const codes = [];
    for (const ns of ['job-a', 'job-a', 'job-b', 'job-a', 'job-b', 'job-b']) codes.push(await enroll(responder, 'twice', ns));
    expect(codes).toEqual(['REGION_WRONG', 'REGION_WRONG', 'REGION_WRONG', 'SUCCESS', 'REGION_WRONG', 'SUCCESS']);
    expect([
      await enroll(responder, 'steps', 'job-a'),
      await enroll(responder, 'steps', 'job-b'),
      await enroll(responder, 'steps', 'job-a'),
    ]).toEqual(['REGION_WRONG', 'REGION_WRONG', 'PARAMETER_ERROR']);
    expect(await listed(responder, 'job-a')).toEqual(['file-twice 2', 'file-steps 2']);
    expect(await listed(responder)).toEqual(['file-twice 0', 'file-steps 0']);
  });

  it("resets one namespace's runtime rules and counts, not the others'", async () => {
    const responder = createResponder({ rules: fileRules });
    for (const ns of ['job-a', 'job-b']) {
      await admin(responder, 'POST', '/__admin/rules', ns, { name: `rule-${ns}`, match: { userId: 'u' }, outcome: 'REGION_WRONG' });
      expect(await enroll(responder, 'twice', ns)).toBe('REGION_WRONG');
    }
    expect((await admin(responder, 'POST', '/__admin/reset', 'job-a')).status).toBe(204);
    expect(await listed(responder, 'job-a')).toEqual(['file-twice 0', 'file-steps 0']);
    expect(await listed(responder, 'job-b')).toEqual(['rule-job-b 0', 'file-twice 1', 'file-steps 0']);
    expect([await enroll(responder, 'u', 'job-a'), await enroll(responder, 'u', 'job-b')]).toEqual(['SUCCESS', 'REGION_WRONG']);
    // job-a's file counts start again: two more.
    expect([await enroll(responder, 'twice', 'job-a'), await enroll(responder, 'twice', 'job-a')]).toEqual([
      'REGION_WRONG',
      'REGION_WRONG',
    ]);
  });

  it("starts every namespace's file counts again when the file's rules are replaced (hot reload)", async () => {
    const responder = createResponder({ rules: fileRules });
    expect([await enroll(responder, 'twice', 'job-a'), await enroll(responder, 'twice', 'job-a')]).toEqual([
      'REGION_WRONG',
      'REGION_WRONG',
    ]);
    expect(await enroll(responder, 'twice', 'job-a')).toBe('SUCCESS');
    responder.rules.setFileRules(fileRules);
    expect(await listed(responder, 'job-a')).toEqual(['file-twice 0', 'file-steps 0']);
    expect(await enroll(responder, 'twice', 'job-a')).toBe('REGION_WRONG');
  });
});

describe('runtime rules with a shared state (MockState.rules)', () => {
  const sharedState = (): MockState => {
    const rules = createMemoryRuleState();
    const state: MockState = {
      kind: 'redis',
      enrollments: createEnrollmentStore(),
      journal: createJournal(),
      rateWindow: { hit: () => 1 },
      authentications: createAuthenticationStore(),
      rules,
      namespace: () => state,
      reset: async () => rules.reset(),
      health: async () => ({ kind: 'redis', reachable: true, detail: 'a stand-in' }),
      close: async () => {},
    };
    return state;
  };

  it("keeps runtime rules and counts in the state, and the root's rules handle reads them there", async () => {
    const state = sharedState();
    const responder = createResponder({ rules: false, state });
    expect(
      (
        await admin(responder, 'POST', '/__admin/rules', undefined, {
          name: 'shared',
          match: { userId: 'u' },
          outcome: 'REGION_WRONG',
          times: 1,
        })
      ).status,
    ).toBe(201);
    expect([await enroll(responder, 'u'), await enroll(responder, 'u')]).toEqual(['REGION_WRONG', 'SUCCESS']);
    const { runtime, hits } = await state.rules.snapshot();
    expect(runtime.map((stored) => [stored.rule.name, hits.get(stored.id)])).toEqual([['shared', 1]]);
    const handle = responder.rules.scope(responder.state.rules);
    expect((await handle.entries()).map((entry) => [entry.label, entry.hits])).toEqual([['shared', 1]]);
    await handle.clearRuntime();
    expect((await state.rules.snapshot()).runtime).toEqual([]);
  });
});
