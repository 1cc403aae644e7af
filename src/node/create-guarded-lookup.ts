import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { addressRange } from './is-private-address.js';

/** A refused host: its message names the host, the address and its IANA range. */
export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
}

export interface GuardedLookupOptions {
  /** Fail for a name any of whose addresses is not public unicast (isPrivateAddress). */
  refusePrivate: boolean;
  /** The resolver asked. Default: node:dns lookup (the OS resolver, as Node's own connect uses). */
  lookup?: typeof dnsLookup;
}

/**
 * A `lookup` for net.connect / tls.connect that resolves the name and, with refusePrivate, fails when any
 * answer is private, so the addresses a socket connects to are exactly the ones that were checked. Every
 * answer is checked, not just the first: Node may race IPv4 and IPv6 answers (autoSelectFamily).
 */
export function createGuardedLookup(options: GuardedLookupOptions): LookupFunction {
  const resolve = options.lookup ?? dnsLookup;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '');
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      const refused = options.refusePrivate ? addresses.find((a) => addressRange(a.address) !== 'unicast') : undefined;
      if (refused) return callback(privateAddressError(hostname, refused.address), '');
      if (lookupOptions.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

export function privateAddressError(hostname: string, address: string): PrivateAddressError {
  const what = hostname.replace(/^\[|\]$/g, '') === address ? hostname : `${hostname} (${address})`;
  return new PrivateAddressError(`${what} is a private or loopback address (${addressRange(address)}), which this server refuses`);
}
