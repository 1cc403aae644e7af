import type { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { createGuardedLookup, PrivateAddressError, privateAddressError } from './create-guarded-lookup.js';
import { addressRange } from './is-private-address.js';

export interface GuardedFetchOptions {
  /** Refuse a host that is, or resolves to, anything but a public unicast address (see isPrivateAddress). */
  refusePrivate: boolean;
  /**
   * Transport deadlines, each on its own: connecting, waiting for the answer's headers, and the gap between
   * two body chunks. They close a stalled socket even if an abort signal is lost. Default 5000 ms, the
   * download's own total (downloadImage's timeoutMs).
   */
  timeoutMs?: number;
  /** The resolver; tests pass one that answers a made-up name. Default: node:dns lookup (the OS resolver). */
  lookup?: typeof dnsLookup;
}

/** The download fetch of DownloadOptions (downloadImage), plus close() to end its connections and any download under way. */
export type GuardedFetch = ((request: Request, init?: { signal?: AbortSignal }) => Promise<Response>) & { close(): Promise<void> };

/**
 * A Node fetch for image downloads (MockServerOptions image.download.fetch). With refusePrivate, the check
 * happens where the socket is opened: the resolver answer that is checked is the one connected to, so a DNS
 * answer that changes between a check and the download (DNS rebinding) cannot slip through, and every
 * redirect hop (downloadImage and deliverCallback follow them one request at a time; this fetch never follows one
 * itself) is checked the same way. A name is refused
 * when any of its addresses is private; an address literal is checked before connecting (Node does not
 * resolve literals).
 *
 * Only the URL, the method and a body with its content type are forwarded (a callback's JSON; a download has
 * none): no other header, no credentials.
 */
export function createGuardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const timeoutMs = options.timeoutMs ?? 5000;

  // net.connect asks it for a host name (never for an address literal, checked below).
  const lookup = createGuardedLookup(options);
  const connector = buildConnector({ lookup, timeout: timeoutMs });
  // An address literal is never looked up: it is checked here, on every connection the agent opens, whatever
  // URL or redirect led to it.
  const connect: buildConnector.connector = (connectOptions, callback) => {
    const literal = connectOptions.hostname.replace(/^\[|\]$/g, '');
    if (options.refusePrivate && isIP(literal) && addressRange(literal) !== 'unicast') {
      return callback(privateAddressError(connectOptions.hostname, literal), null);
    }
    return connector(connectOptions, callback);
  };
  const agent = new Agent({ connect, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });

  const guardedFetch = async (request: Request, init?: { signal?: AbortSignal }): Promise<Response> => {
    const url = new URL(request.url);
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (options.refusePrivate && isIP(literal) && addressRange(literal) !== 'unicast') throw privateAddressError(url.hostname, literal);
    try {
      const bodyless = request.method === 'GET' || request.method === 'HEAD';
      const response = await undiciFetch(url, {
        method: request.method,
        ...(bodyless
          ? {}
          : {
              headers: { 'content-type': request.headers.get('content-type') ?? 'application/octet-stream' },
              body: await request.arrayBuffer(),
            }),
        // Never followed here: the caller follows each hop itself (downloadImage, deliverCallback), through its
        // own checks and caps; undici would follow up to 20 hops with none of them.
        redirect: 'manual',
        signal: init?.signal ?? request.signal,
        dispatcher: agent,
      });
      // undici's own Response class: the same Fetch interface as the global one, which is all downloadImage uses.
      return response as unknown as Response;
    } catch (error) {
      // fetch reports a failed connect as "fetch failed"; the refusal is its cause, and the useful message.
      const cause = (error as Error).cause;
      throw cause instanceof PrivateAddressError ? cause : error;
    }
  };
  // destroy, not close: a server shutting down should not wait for a slow image host.
  return Object.assign(guardedFetch, { close: () => agent.destroy() });
}
