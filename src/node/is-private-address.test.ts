import { describe, expect, it } from 'vitest';
import { addressRange, isPrivateAddress, refusePrivateByDefault } from './is-private-address.js';

// Literal addresses only: nothing here connects anywhere.
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
    ['2606:4700::1111', false],
    // Found by the attack run: each of these passed the hand-written check.
    ['[::ffff:7f00:1]', true], // what new URL('http://[::ffff:127.0.0.1]/').hostname gives
    ['::ffff:7f00:1', true],
    ['::ffff:a00:1', true], // ::ffff:10.0.0.1
    ['::ffff:0:7f00:1', true], // IPv4-translated 127.0.0.1
    ['::7f00:1', true], // IPv4-compatible 127.0.0.1
    ['64:ff9b::7f00:1', true], // NAT64 of 127.0.0.1
    ['64:ff9b::a9fe:a9fe', true], // NAT64 of 169.254.169.254
    ['64:ff9b:1::1', true], // local-use NAT64 prefix
    ['fec0::1', true], // site-local
    ['ff02::1', true], // multicast
    ['2002:7f00:1::', true], // 6to4
    ['2001::1', true], // Teredo
    ['2001:db8::1', true], // documentation
    ['100::1', true], // discard-only
    ['198.18.0.1', true], // benchmarking
    ['198.19.255.255', true],
    ['224.0.0.1', true], // multicast
    ['239.255.255.250', true],
    ['255.255.255.255', true], // broadcast
    ['192.0.0.8', true], // IETF protocol assignments
    ['192.0.2.1', true], // documentation
    ['240.0.0.1', true], // reserved
    ['not an address', true],
    // Public addresses behind the IPv4-in-IPv6 forms stay public.
    ['::2', true], // IPv4-compatible 0.0.0.2
    ['::ffff:808:808', false],
    ['64:ff9b::808:808', false],
  ];
  for (const [address, want] of cases) it(`${want ? 'refuses' : 'allows'} ${address}`, () => expect(isPrivateAddress(address)).toBe(want));

  it('names the range of the IPv4 address an IPv6 form carries', () => {
    expect(['::ffff:7f00:1', '::7f00:1', '64:ff9b::7f00:1', '::ffff:0:7f00:1'].map(addressRange)).toEqual([
      'loopback',
      'loopback',
      'loopback',
      'loopback',
    ]);
    expect(addressRange('::ffff:c0a8:1')).toBe('private');
  });
});

describe('refusePrivateByDefault', () => {
  it('allows private URLs only when the server listens on loopback', () => {
    expect(['127.0.0.1', '::1', 'localhost', '[::1]'].map(refusePrivateByDefault)).toEqual([false, false, false, false]);
    expect(['0.0.0.0', '::', '192.168.1.5', 'example.internal'].map(refusePrivateByDefault)).toEqual([true, true, true, true]);
  });
});
