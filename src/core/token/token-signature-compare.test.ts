import { createHash } from 'node:crypto';
import { expect, it, vi } from 'vitest';

// The token signature is never compared with `!==`, which would leak by timing how much of a guess is right. The comparison must go through constantTimeEqual (its own test checks that it is constant-time).
const calls = vi.hoisted(() => [] as Array<[string, string]>);
vi.mock('../crypto/constant-time-equal.js', async (original) => {
  const real = await original<typeof import('../crypto/constant-time-equal.js')>();
  return {
    constantTimeEqual: (a: ArrayLike<number>, b: ArrayLike<number>) => {
      calls.push([new TextDecoder().decode(Uint8Array.from(a)), new TextDecoder().decode(Uint8Array.from(b))]);
      return real.constantTimeEqual(a, b);
    },
  };
});
const { createTokenCore } = await import('./create-token-core.js');

it('compares the signature with constantTimeEqual, right or wrong', async () => {
  const keys = { accessKey: 'ak', secretKey: 'sk' };
  const timestamp = '1700000000000';
  const signature = createHash('sha256').update(`ak${'sk'}${timestamp}`).digest('hex');
  const core = createTokenCore({ keys: [keys], now: () => new Date(Number(timestamp)) });
  const wrong = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
  expect((await core.decide(JSON.stringify({ accessKey: 'ak', timestamp, signature }))).outcome).toBe('SUCCESS');
  expect((await core.decide(JSON.stringify({ accessKey: 'ak', timestamp, signature: wrong }))).outcome).toBe('PARAMETER_ERROR_SIGNATURE');
  expect(calls.map(([, given]) => given)).toEqual([signature, wrong]);
});
