import { describe, expect, it } from 'vitest';
import { isPrivateAddress, isPublicHost, refusePrivateByDefault } from './is-private-address.js';

describe('isPrivateAddress', () => {
  const cases: Array<[string, boolean]> = [
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.0.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['8.8.8.8', false],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['2001:db8::1', false],
  ];
  for (const [address, want] of cases) it(`${want ? 'refuses' : 'allows'} ${address}`, () => expect(isPrivateAddress(address)).toBe(want));

  it('judges host names by what they resolve to', async () => {
    expect(await isPublicHost('localhost')).toBe(false);
    expect(await isPublicHost('[::1]')).toBe(false);
    expect(await isPublicHost('8.8.8.8')).toBe(true);
  });
});

describe('refusePrivateByDefault', () => {
  it('allows private URLs only when the server listens on loopback', () => {
    expect(['127.0.0.1', '::1', 'localhost', '[::1]'].map(refusePrivateByDefault)).toEqual([false, false, false, false]);
    expect(['0.0.0.0', '::', '192.168.1.5', 'example.internal'].map(refusePrivateByDefault)).toEqual([true, true, true, true]);
  });
});
