import type { LookupAddress, lookup as dnsLookup } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createGuardedLookup } from './create-guarded-lookup.js';

// A made-up resolver: nothing here resolves a real name or opens a socket.
const answering = (addresses: LookupAddress[]) =>
  ((_hostname: string, _options: unknown, callback: (error: Error | null, addresses: LookupAddress[]) => void) =>
    callback(null, addresses)) as unknown as typeof dnsLookup;

const ask = (lookup: ReturnType<typeof createGuardedLookup>, all: boolean) =>
  new Promise<{ error: Error | null; address: unknown; family?: number }>((resolve) =>
    lookup('images.test', { all }, (error, address, family) => resolve({ error, address, family })),
  );

const PUBLIC = { address: '2606:4700::1111', family: 6 };
const LOOPBACK = { address: '127.0.0.1', family: 4 };

describe('createGuardedLookup', () => {
  it('fails when any of the answers is private, not only the first', async () => {
    const lookup = createGuardedLookup({ refusePrivate: true, lookup: answering([PUBLIC, LOOPBACK]) });
    for (const all of [true, false]) {
      const { error } = await ask(lookup, all);
      expect(error?.message).toBe('images.test (127.0.0.1) is a private or loopback address (loopback), which this server refuses');
    }
  });

  it('fails for an IPv4-mapped loopback answer', async () => {
    const lookup = createGuardedLookup({ refusePrivate: true, lookup: answering([{ address: '::ffff:127.0.0.1', family: 6 }]) });
    expect((await ask(lookup, true)).error?.name).toBe('PrivateAddressError');
  });

  it('hands back the checked answers, in the form the caller asked for', async () => {
    const lookup = createGuardedLookup({ refusePrivate: true, lookup: answering([PUBLIC]) });
    expect(await ask(lookup, true)).toEqual({ error: null, address: [PUBLIC], family: undefined });
    expect(await ask(lookup, false)).toEqual({ error: null, address: PUBLIC.address, family: 6 });
  });

  it('passes private answers through when they are allowed', async () => {
    const lookup = createGuardedLookup({ refusePrivate: false, lookup: answering([LOOPBACK]) });
    expect(await ask(lookup, false)).toEqual({ error: null, address: '127.0.0.1', family: 4 });
  });

  it('fails for a name with no address', async () => {
    const lookup = createGuardedLookup({ refusePrivate: false, lookup: answering([]) });
    expect((await ask(lookup, true)).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
