import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The IANA special-purpose range an address falls in, as ipaddr.js names it ('unicast' for an ordinary public
 * address; 'loopback', 'private', 'linkLocal', 'multicast', 'reserved', ... otherwise). IPv6 forms that carry
 * an IPv4 address (IPv4-mapped ::ffff:0:0/96, IPv4-translated ::ffff:0:0:0/96, IPv4-compatible ::/96 and
 * the NAT64 well-known prefix 64:ff9b::/96) are judged by that IPv4 address, so `::ffff:7f00:1`,
 * `::7f00:1` and `64:ff9b::7f00:1` are all 'loopback'. Text that is not an address is 'invalid'.
 */
export function addressRange(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return 'invalid';
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv4') return parsed.range();
  const words = (parsed as ipaddr.IPv6).parts;
  const prefix = words.slice(0, 6).join(',');
  // :: and ::1 keep their own names (unspecified, loopback) rather than 0.0.0.0 and 0.0.0.1.
  const unspecifiedOrLoopback = prefix === '0,0,0,0,0,0' && words[6] === 0 && words[7]! <= 1;
  if (EMBEDS_IPV4.has(prefix) && !unspecifiedOrLoopback) {
    const [high, low] = [words[6]!, words[7]!];
    return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]).range();
  }
  return parsed.range();
}

/** The first six 16-bit words of the IPv6 prefixes whose last 32 bits are an IPv4 address. */
const EMBEDS_IPV4 = new Set(
  [
    [0, 0, 0, 0, 0, 0xffff], // IPv4-mapped
    [0, 0, 0, 0, 0xffff, 0], // IPv4-translated (RFC 6145)
    [0, 0, 0, 0, 0, 0], // IPv4-compatible (deprecated, still routed by some stacks)
    [0x64, 0xff9b, 0, 0, 0, 0], // NAT64 well-known prefix (RFC 6052)
  ].map((words) => words.join(',')),
);

/**
 * Whether an image download must not reach this address: anything but an ordinary public unicast address
 * (loopback, private, link-local, carrier-grade NAT, multicast, broadcast, benchmarking, documentation,
 * reserved, 6to4, Teredo, unique-local, site-local, ...), and anything that is not an address at all.
 */
export function isPrivateAddress(address: string): boolean {
  return addressRange(address) !== 'unicast';
}

/** Refuse private addresses by default unless the server listens on loopback only. */
export function refusePrivateByDefault(bindHost: string): boolean {
  const bare = bindHost.replace(/^\[|\]$/g, '');
  return !(bare === 'localhost' || (isIP(bare) !== 0 && addressRange(bare) === 'loopback' && (bare.startsWith('127.') || bare === '::1')));
}
