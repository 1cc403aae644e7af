import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCore } from './create-token-core.js';

// The vendor's worked example of a signature.
const vendor = { accessKey: 'sampleaccesskey', secretKey: 'samplesecretkey' };
const timestamp = '1665993522952';
const signature = '02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5';
const at = (ms: number) => () => new Date(ms);
const body = (over: Record<string, unknown> = {}) => JSON.stringify({ accessKey: vendor.accessKey, timestamp, signature, ...over });

describe('createTokenCore', () => {
  it("accepts the vendor's worked signature example and issues an HS512 JWT with its expiry", async () => {
    const core = createTokenCore({ keys: [vendor], now: at(Number(timestamp)) });
    const decision = await core.decide(body({ periodSecond: 600 }));
    expect(decision).toMatchObject({
      outcome: 'SUCCESS',
      status: 200,
      envelope: { code: 'SUCCESS', message: 'OK', data: { expiredTime: Number(timestamp) + 600_000 } },
    });
    const token = (decision.envelope.data as { token: string }).token;
    const [header, claims] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part!, 'base64url').toString() || 'null'));
    expect(header).toEqual({ alg: 'HS512' });
    expect(claims).toMatchObject({ sub: 'sampleaccesskey', iat: 1665993522, exp: 1665994122 });
    expect(await core.verify(token)).toBe(true);
  });

  it('defaults the period to 3600 s and keeps it within 60..86400', async () => {
    const core = createTokenCore({ keys: [vendor], now: at(Number(timestamp)) });
    const expiry = async (over: Record<string, unknown>) =>
      ((await core.decide(body(over))).envelope.data as { expiredTime: number }).expiredTime - Number(timestamp);
    expect(await expiry({})).toBe(3_600_000);
    expect(await expiry({ periodSecond: 1 })).toBe(60_000);
    expect(await expiry({ periodSecond: 10 ** 9 })).toBe(86_400_000);
  });

  it('reads a periodSecond of digits as its number and says in the detail when the period was changed', async () => {
    const core = createTokenCore({ keys: [vendor], now: at(Number(timestamp)) });
    const decide = async (periodSecond: unknown) => {
      const decision = await core.decide(body({ periodSecond }));
      return [(decision.envelope.data as { expiredTime: number }).expiredTime - Number(timestamp), decision.detail];
    };
    expect(await decide('7200')).toEqual([7_200_000, 'token for sampleaccesskey, 7200 s']);
    expect(await decide(30)).toEqual([60_000, 'token for sampleaccesskey, 60 s (periodSecond 30 is outside 60..86400 or not whole: 60 s)']);
    expect(await decide(90.5)).toEqual([
      90_000,
      'token for sampleaccesskey, 90 s (periodSecond 90.5 is outside 60..86400 or not whole: 90 s)',
    ]);
    expect(await decide('soon')).toEqual([
      3_600_000,
      'token for sampleaccesskey, 3600 s (periodSecond "soon" is not a number: the default 3600 s)',
    ]);
  });

  it('answers "Timestamp error" more than 300 s away or not 13 digits', async () => {
    for (const [now, stamp] of [
      [Number(timestamp) + 300_001, timestamp],
      [Number(timestamp), '166599352295'],
    ] as const) {
      const decision = await createTokenCore({ keys: [vendor], now: at(now) }).decide(body({ timestamp: stamp }));
      expect(decision.envelope).toMatchObject({ code: 'PARAMETER_ERROR', message: 'Timestamp error' });
    }
    expect((await createTokenCore({ keys: [vendor], now: at(Number(timestamp) - 300_000) }).decide(body())).outcome).toBe('SUCCESS');
  });

  it('answers "Signature error" for a wrong signature or an unknown key, and Account Disabled', async () => {
    const core = createTokenCore({ keys: [vendor, { accessKey: 'off', secretKey: 's', disabled: true }], now: at(Number(timestamp)) });
    expect((await core.decide(body({ signature: signature.replace('0', '1') }))).envelope.message).toBe('Signature error');
    expect((await core.decide(body({ accessKey: 'nobody' }))).envelope.message).toBe('Signature error');
    const { createHash } = await import('node:crypto');
    const offSig = createHash('sha256').update(`offs${timestamp}`).digest('hex');
    expect((await core.decide(JSON.stringify({ accessKey: 'off', timestamp, signature: offSig }))).envelope).toMatchObject({
      code: 'ACCOUNT_DISABLED',
      message: 'Account Disabled',
    });
  });

  it('answers "Parameter should not be empty" and CLIENT_ERROR for a body that is not JSON', async () => {
    const core = createTokenCore({ keys: [vendor], now: at(Number(timestamp)) });
    expect((await core.decide(body({ signature: '' }))).envelope.message).toBe('Parameter should not be empty');
    expect(await core.decide('{')).toMatchObject({ outcome: 'CLIENT_ERROR', status: 400 });
  });

  it('verifies only its own unexpired tokens', async () => {
    let clock = Number(timestamp);
    const core = createTokenCore({ keys: [vendor], now: () => new Date(clock) });
    const token = ((await core.decide(body({ periodSecond: 60 }))).envelope.data as { token: string }).token;
    expect(await core.verify(token)).toBe(true);
    expect(await createTokenCore({ keys: [vendor], now: () => new Date(clock) }).verify(token)).toBe(false);
    expect(await core.verify(token.slice(0, -2) + 'AA')).toBe(false);
    expect(await core.verify('not-a-jwt')).toBe(false);
    clock += 61_000;
    expect(await core.verify(token)).toBe(false);
  });

  // Found by the attack run: String([[["1665993522952"]]]) is "1665993522952", and a token was issued.
  it('answers "Timestamp error" for a timestamp that is not a string or a whole number, whatever it stringifies to', async () => {
    const core = createTokenCore({ keys: [vendor], now: at(Number(timestamp)) });
    for (const stamp of [[[[timestamp]]], [timestamp], { toString: timestamp }, true, Number(timestamp) + 0.5]) {
      const decision = await core.decide(body({ timestamp: stamp }));
      expect(decision.outcome).toBe('PARAMETER_ERROR_TIMESTAMP');
      expect(decision.envelope.data).toBeNull();
    }
    expect((await core.decide(body({ timestamp: Number(timestamp) }))).outcome).toBe('SUCCESS');
  });

  // Found by the attack run: a 30,000-deep accessKey answered HTTP 500 (String() of it overflowed the stack). Since
  // the work per request is bounded, a body past 64 levels is not parsed at all: CLIENT_ERROR, as for any
  // body that is not JSON. Nested values within the bound still answer by their type, never String() them.
  it('refuses a 30,000-deep accessKey unparsed (CLIENT_ERROR, not a 500)', async () => {
    const core = createTokenCore({ keys: [vendor], now: at(Number(timestamp)) });
    const deep = '['.repeat(30_000) + ']'.repeat(30_000);
    const decision = await core.decide(body({ accessKey: '@' }).replace('"@"', deep));
    expect(decision).toMatchObject({ outcome: 'CLIENT_ERROR', status: 400, detail: 'the body nests deeper than 64 levels' });
  });

  it('answers "Signature error" for nested values, with a detail that names their type', async () => {
    const core = createTokenCore({ keys: [vendor], now: at(Number(timestamp)) });
    const deep = '['.repeat(60) + ']'.repeat(60);
    for (const field of ['accessKey', 'signature']) {
      const text = body({ [field]: '@' }).replace('"@"', deep);
      const decision = await core.decide(text);
      expect(decision).toMatchObject({ outcome: 'PARAMETER_ERROR_SIGNATURE', status: 200, detail: `${field} is an array, not a string` });
    }
    const decision = await core.decide(body({ timestamp: '@' }).replace('"@"', deep));
    expect(decision).toMatchObject({ outcome: 'PARAMETER_ERROR_TIMESTAMP', detail: expect.stringContaining('timestamp an array') });
  });

  it('cuts a long unknown accessKey short in its detail', async () => {
    const core = createTokenCore({ keys: [vendor], now: at(Number(timestamp)) });
    const decision = await core.decide(body({ accessKey: 'k'.repeat(1_000_000) }));
    expect(decision.outcome).toBe('PARAMETER_ERROR_SIGNATURE');
    expect(decision.detail.length).toBeLessThan(120);
  });

  it('issues a standard HS512 JWT: the signature checks out with a plain HMAC-SHA512, the claims are the same', async () => {
    const core = createTokenCore({ keys: [vendor], now: at(Number(timestamp)), signingKey: 'the-signing-key' });
    const token = ((await core.decide(body({ periodSecond: 600 }))).envelope.data as { token: string }).token;
    const [header, claims, signed] = token.split('.') as [string, string, string];
    expect(createHmac('sha512', 'the-signing-key').update(`${header}.${claims}`).digest('base64url')).toBe(signed);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS512' });
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual({
      iss: 'face-enroll-mock',
      sub: 'sampleaccesskey',
      aud: 'advance-openapi',
      iat: 1665993522,
      exp: 1665994122,
    });
  });

  it('refuses a token signed with its key but with another algorithm or no expiry', async () => {
    const key = 'the-signing-key';
    const core = createTokenCore({ keys: [vendor], now: at(Number(timestamp)), signingKey: key });
    const forge = (header: object, claims: object, algorithm: 'sha256' | 'sha512') => {
      const text = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${text}.${createHmac(algorithm, key).update(text).digest('base64url')}`;
    };
    const exp = Math.floor(Number(timestamp) / 1000) + 600;
    expect(await core.verify(forge({ alg: 'HS512' }, { exp }, 'sha512'))).toBe(true);
    expect(await core.verify(forge({ alg: 'HS256' }, { exp }, 'sha256'))).toBe(false);
    expect(await core.verify(forge({ alg: 'HS512' }, {}, 'sha512'))).toBe(false);
    expect(await core.verify(forge({ alg: 'HS512' }, { exp: exp - 600 }, 'sha512'))).toBe(false);
  });
});
