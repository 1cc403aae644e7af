import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** Loopback, private, link-local, unspecified and unique-local ranges (IPv4 and IPv6, IPv4-mapped included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const lower = ip.toLowerCase();
  return lower === '::1' || lower === '::' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
}

/**
 * Whether an image host may be fetched when private addresses are refused: every address the name resolves
 * to must be public. (The download resolves the name again; a DNS answer that changes in between is not
 * caught. Teams that expose the server should also restrict its egress.)
 */
export async function isPublicHost(hostname: string): Promise<boolean> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return !isPrivateAddress(bare);
  try {
    const addresses = await lookup(bare, { all: true });
    return addresses.length > 0 && addresses.every((a) => !isPrivateAddress(a.address));
  } catch {
    return false;
  }
}

/** Refuse private addresses by default unless the server listens on loopback only. */
export function refusePrivateByDefault(bindHost: string): boolean {
  const bare = bindHost.replace(/^\[|\]$/g, '');
  return !(bare === 'localhost' || (isIP(bare) !== 0 && isPrivateAddress(bare) && (bare.startsWith('127.') || bare === '::1')));
}
