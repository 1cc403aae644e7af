import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { keptText } from '../core/text/kept-text.js';
import { jsonAnswer, type HttpAnswer } from '../responder/answer.js';

/** How the admin API and the console are protected; the server's options and its bound address decide it. */
export interface AdminPolicy {
  /** The address the server is bound to (server.address()), not the one asked for. */
  boundAddress: string;
  /** When set, every admin request must present it (header or, on GET, the `adminToken` query parameter). */
  token?: string | undefined;
  /** Serve the admin API without a token on a non-loopback address (--open-admin). */
  open?: boolean | undefined;
}

/** What the guard reads of a request: headers as node:http gives them (lower-case names). */
export interface AdminRequestFacts {
  method: string;
  host?: string | undefined;
  origin?: string | undefined;
  secFetchSite?: string | undefined;
  /** The token the request presented, if any. */
  token?: string | undefined;
}

export type AdminDecision = { ok: true } | { ok: false; status: 401 | 403; error: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 127.0.0.0/8, ::1 and their IPv4-mapped form: the addresses only this machine reaches. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  const ip = mapped ? mapped[1]! : bare;
  if (isIP(ip) === 4) return ip.startsWith('127.');
  return ip === '::1';
}

/** The host name of a Host header (`localhost:4010`, `[::1]:4010`), lower-cased, without the port. */
function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  return trimmed.replace(/:\d*$/, '').replace(/\.$/, '');
}

/** Names a browser on this machine uses for loopback; anything else reaching a loopback socket is DNS rebinding. */
export function isLoopbackHostName(host: string): boolean {
  const name = hostName(host);
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}

function sameToken(presented: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Whether an admin request (the admin API, the console, its event stream) is served. Web pages on other
 * origins get no CORS (the server leaves those headers off admin answers) and cannot change state here:
 * a request whose Origin is not this server's, or whose Sec-Fetch-Site is not same-origin, is refused when it
 * is not a GET. Bound to loopback, only loopback host names are served (DNS rebinding); bound elsewhere, a
 * token is needed unless the admin API was opened explicitly. Tools that send no Origin (curl, Node's fetch,
 * test code) are not affected.
 */
export function decideAdminAccess(request: AdminRequestFacts, policy: AdminPolicy): AdminDecision {
  const loopback = isLoopbackAddress(policy.boundAddress);
  if (loopback && !(request.host && isLoopbackHostName(request.host))) {
    return {
      ok: false,
      status: 403,
      error:
        `the admin API answers only loopback host names (localhost, 127.0.0.1, [::1]) while the server is bound to ${policy.boundAddress}; ` +
        `Host ${JSON.stringify(request.host ?? '')} was refused (DNS rebinding). Open it as http://127.0.0.1:PORT/__admin/`,
    };
  }
  if (policy.token !== undefined) {
    if (request.token === undefined || !sameToken(request.token, policy.token)) {
      return {
        ok: false,
        status: 401,
        error:
          `the admin API needs its token (--admin-token or MOCK_ADMIN_TOKEN): send "Authorization: Bearer TOKEN" or ` +
          `"X-Admin-Token: TOKEN", or ?adminToken=TOKEN on a GET (the console); ${request.token === undefined ? 'none was sent' : 'the one sent is wrong'}`,
      };
    }
  } else if (!loopback && !policy.open) {
    return {
      ok: false,
      status: 403,
      error:
        `the admin API is closed: the server is bound to ${policy.boundAddress}, which other machines can reach. ` +
        'Start it with --admin-token TOKEN (or MOCK_ADMIN_TOKEN), or --open-admin to serve it to anyone who can connect',
    };
  }
  if (!SAFE_METHODS.has(request.method.toUpperCase())) {
    const site = request.secFetchSite?.toLowerCase();
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return {
        ok: false,
        status: 403,
        error: `a ${keptText(site, 64)} page cannot change the mock's state (Sec-Fetch-Site: ${keptText(site, 64)}); use the console or curl`,
      };
    }
    if (request.origin !== undefined && !sameOrigin(request.origin, request.host)) {
      return {
        ok: false,
        status: 403,
        error: `a page on ${keptText(request.origin ?? '', 200)} cannot change the mock's state (its Origin is not this server's); use the console or curl`,
      };
    }
  }
  return { ok: true };
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === new URL(`http://${host}`).host;
  } catch {
    return false; // "null" (a sandboxed frame, a file:) or garbage
  }
}

/** The token an admin request presents: Authorization: Bearer, X-Admin-Token, or ?adminToken= on a GET. */
export function presentedAdminToken(
  method: string,
  headers: Record<string, string | string[] | undefined>,
  query: string | undefined,
): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && /^bearer /i.test(authorization)) return authorization.slice(7).trim();
  const header = headers['x-admin-token'];
  if (typeof header === 'string') return header;
  if (method.toUpperCase() === 'GET' || method.toUpperCase() === 'HEAD')
    return new URLSearchParams(query ?? '').get('adminToken') ?? undefined;
  return undefined;
}

/**
 * The guard as both servers apply it to an admin request (the mock's and the proxy's /__admin/): undefined when
 * it is served, else the refusal to write (a JSON error, 401 with WWW-Authenticate or 403).
 */
export function adminRefusal(
  request: IncomingMessage,
  query: string | undefined,
  policy: AdminPolicy,
): { answer: HttpAnswer; error: string } | undefined {
  const method = request.method ?? 'GET';
  const secFetchSite = request.headers['sec-fetch-site'];
  const decision = decideAdminAccess(
    {
      method,
      host: request.headers.host,
      origin: request.headers.origin,
      secFetchSite: Array.isArray(secFetchSite) ? secFetchSite[0] : secFetchSite,
      token: presentedAdminToken(method, request.headers, query),
    },
    policy,
  );
  if (decision.ok) return undefined;
  const extra: Record<string, string> = decision.status === 401 ? { 'www-authenticate': 'Bearer realm="face-enroll-mock admin"' } : {};
  return { answer: jsonAnswer(decision.status, { error: decision.error }, extra), error: decision.error };
}
