import { describe, expect, it } from 'vitest';
import { createResponder } from '../../src/responder/create-responder.js';
import { getEnrollPath } from '../../src/generated/outcomes.js';

const call = async (prefer: string) => {
  const { answer } = await createResponder({ seed: 1 }).respond({
    method: 'POST',
    path: getEnrollPath,
    headers: { 'x-access-token': 't', prefer },
    bodyText: JSON.stringify({ userId: 'someone' }),
    origin: 'http://127.0.0.1:4010',
  });
  return JSON.parse((answer as { body: string }).body) as { code: string; extra: string | null };
};

describe("a journey operation's Prefer example", () => {
  it('is read without regard to case', async () => {
    expect((await call('example=service_busy')).code).toBe('SERVICE_BUSY');
  });

  it('suggests the nearest forcible name for a typo', async () => {
    const answer = await call('example=SERVICE_BUZY');
    expect(answer.code).toBe('CLIENT_ERROR');
    expect(answer.extra).toMatch(/^Unknown example "SERVICE_BUZY" in the Prefer header: did you mean SERVICE_BUSY\? Valid names: /);
    // Only the forcible names: an example whose data comes from the mock's state (SUCCESS) is not offered.
    expect(answer.extra).not.toMatch(/\bSUCCESS\b/);
  });

  it('says a stateful example cannot be forced, instead of calling it unknown', async () => {
    const answer = await call('example=success');
    expect(answer.code).toBe('CLIENT_ERROR');
    expect(answer.extra).toMatch(/^Example "SUCCESS" cannot be forced by the Prefer header: its data comes from the mock's state/);
  });
});
