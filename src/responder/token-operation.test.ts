import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { enrollPath, tokenOutcomeNames, tokenPath } from '../generated/outcomes.js';
import { createResponder } from './create-responder.js';

const keys = [
  { accessKey: 'test-access-key', secretKey: 'test-secret-key' },
  { accessKey: 'off-key', secretKey: 'off-secret', disabled: true },
];
const signed = (accessKey: string, secretKey: string) => {
  const timestamp = String(Date.now());
  const signature = createHash('sha256')
    .update(accessKey + secretKey + timestamp)
    .digest('hex');
  return JSON.stringify({ accessKey, timestamp, signature });
};
const post = (path: string, headers: Record<string, string> = {}, bodyText = signed('test-access-key', 'test-secret-key')) => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', ...headers },
  bodyText,
});
const bodyOf = (result: { answer: { kind: string } }) =>
  JSON.parse(String((result.answer as unknown as { body: string }).body)) as { code: string; data: unknown; extra: string | null };

describe('generate-token as an operation', () => {
  it.each(tokenOutcomeNames.map((name) => [name]))('answers Prefer: example=%s with that example', async (name) => {
    const responder = createResponder({ seed: 3, keys });
    const result = await responder.respond(post(tokenPath, { prefer: `example=${name}` }, '{}'));
    expect(result.log).toMatchObject({ operation: 'generateToken', outcome: name, stage: 'prefer', source: 'prefer' });
  });

  it('answers a forced SUCCESS with a token the business operations accept', async () => {
    const responder = createResponder({ seed: 3, keys, token: 'issued' });
    const token = bodyOf(await responder.respond(post(tokenPath, { prefer: 'example=SUCCESS' }, '{}'))).data as { token: string };
    expect(await responder.tokens.verify(token.token)).toBe(true);
  });

  it('answers an unknown Prefer name CLIENT_ERROR with the nearest name and the valid ones', async () => {
    const responder = createResponder({ seed: 3, keys });
    const result = await responder.respond(post(tokenPath, { prefer: 'example=ACOUNT_DISABLED' }));
    expect(result.answer).toMatchObject({ status: 400 });
    expect(bodyOf(result).extra).toBe(
      `Unknown example "ACOUNT_DISABLED" in the Prefer header: did you mean ACCOUNT_DISABLED? Valid names: ${tokenOutcomeNames.join(', ')}`,
    );
  });

  it('answers ACCOUNT_DISABLED for a disabled account, after the signature', async () => {
    const responder = createResponder({ seed: 3, keys });
    const result = await responder.respond(post(tokenPath, {}, signed('off-key', 'off-secret')));
    expect(result.log).toMatchObject({ outcome: 'ACCOUNT_DISABLED', stage: 'account' });
    const forged = await responder.respond(post(tokenPath, {}, signed('off-key', 'wrong')));
    expect(forged.log).toMatchObject({ outcome: 'PARAMETER_ERROR_SIGNATURE', stage: 'signature' });
  });

  it('answers the X-Mock-Fault header and the fault option with the fault', async () => {
    const byHeader = await createResponder({ seed: 3, keys }).respond(post(tokenPath, { 'x-mock-fault': 'reset' }));
    expect(byHeader.answer).toEqual({ kind: 'reset' });
    const byOption = await createResponder({ seed: 3, keys, fault: 'gateway-502' }).respond(post(tokenPath));
    expect(byOption.answer).toMatchObject({ kind: 'http', status: 502 });
  });

  it('counts token requests in the one rate window every operation shares', async () => {
    const responder = createResponder({ seed: 3, keys, rateLimit: 1, now: () => new Date(1_700_000_000_000) });
    await responder.respond(post(enrollPath, { 'x-access-token': 't' }, '{}'));
    const result = await responder.respond(post(tokenPath));
    expect(result.log).toMatchObject({ outcome: 'SERVICE_BUSY', stage: 'rate-limit' });
  });

  it('journals the request with its accessKey and never the signature or the token', async () => {
    const responder = createResponder({ seed: 3, keys });
    const bodyText = signed('test-access-key', 'test-secret-key');
    const result = await responder.respond(post(tokenPath, {}, bodyText));
    const { token } = bodyOf(result).data as { token: string };
    const [entry] = responder.journal.list().requests;
    expect(entry).toMatchObject({ operation: 'generateToken', outcome: 'SUCCESS', accessKey: 'test-access-key', status: 200 });
    const kept = JSON.stringify(entry);
    expect([kept.includes(JSON.parse(bodyText).signature), kept.includes(token)]).toEqual([false, false]);
  });
});
