import { createRandom, type RandomSource } from '../../core/random/create-random.js';
import { constantTimeEqual } from '../../core/crypto/constant-time-equal.js';
import { hmacHex } from '../../core/crypto/hmac-hex.js';
import { randomSecret } from '../../core/crypto/random-secret.js';
import { checkPublicUrl } from './check-public-url.js';
import type { ResolvedMockOptions } from '../../core/settings/resolved-mock-options.js';
import type { PlainRequest } from '../plain-request.js';

const encoder = new TextEncoder();

/** What the journey reads of the resolved options (decision note 0038). */
export type JourneyOptions = Pick<
  ResolvedMockOptions,
  'seed' | 'replicaId' | 'signingKey' | 'now' | 'publicUrl' | 'imageUrlTtlSeconds' | 'similarityThreshold' | 'callback' | 'regions'
>;

/** The journey's resolved options, with what the journey derives from them: its id source, its signed links. */
export interface JourneySettings extends Pick<JourneyOptions, 'imageUrlTtlSeconds' | 'similarityThreshold' | 'callback' | 'regions'> {
  /** Signature ids of the authentications (seeded apart from the transaction ids, which every operation draws alike). */
  random: RandomSource;
  /** The origin of the mock's own URLs for this request. */
  originOf(request: PlainRequest): string;
  /** A signed, expiring URL of an enrolled face's bytes. */
  faceUrl(origin: string, transactionId: string): Promise<string>;
  /** Whether a face URL's expiry and signature hold: 'ok', 'expired' or 'forged'. */
  checkFaceUrl(transactionId: string, expires: string, signature: string): Promise<'ok' | 'expired' | 'forged'>;
  /** Where the mock's own links start (`{origin}/__mock`), with this namespace's signed mark when in one. */
  linkBase(origin: string): Promise<string>;
  /** The same settings, their links carrying `namespace` (X-Mock-Namespace) so a browser opening them reaches it. */
  inNamespace(namespace: string): JourneySettings;
  /**
   * A link's namespace, from its mark (`/__mock/ns/{namespace}/{signature}/...`): the namespace and the path
   * without the mark; 'forged' when the signature does not hold; null for a path without a mark.
   */
  openLink(path: string): Promise<{ namespace: string; path: string } | 'forged' | null>;
}

const NAMESPACED_LINK = /^\/__mock\/ns\/([^/]+)\/([^/]+)(\/.*)$/;

export function createJourneySettings(options: JourneyOptions): JourneySettings {
  const { now, imageUrlTtlSeconds: ttl } = options;
  const random = createRandom(options.seed === undefined ? undefined : options.seed + 0x6a6f75, options.replicaId);
  // Signs the face URLs so an expiry cannot be pushed out by editing the link, as the vendor's signed links.
  // With a signing key every replica signs alike, so a URL from one is served by another.
  // The secret is never drawn from the seeded source, whose ids every answer shows (random-secret.ts).
  const mac = hmacHex(options.signingKey !== undefined ? `face-url:${options.signingKey}` : randomSecret());
  const sign = async (transactionId: string, expires: string) => (await mac(`${transactionId}:${expires}`)).slice(0, 16);
  // A namespace's mark in a link: a browser sends no X-Mock-Namespace, so the link carries it, signed so that a
  // link cannot be edited into another namespace.
  const markOf = async (namespace: string) => (await mac(`namespace:${namespace}`)).slice(0, 32);
  const publicUrl = options.publicUrl === undefined ? undefined : checkPublicUrl(options.publicUrl);
  if (publicUrl && !publicUrl.ok) throw new Error(`face-enroll-mock: ${publicUrl.error}. Fix the publicUrl option (CLI --public-url).`);
  const settings = (namespace: string | undefined): JourneySettings => {
    const linkBase = async (origin: string) =>
      namespace === undefined ? `${origin}/__mock` : `${origin}/__mock/ns/${namespace}/${await markOf(namespace)}`;
    return {
      random,
      imageUrlTtlSeconds: ttl,
      similarityThreshold: options.similarityThreshold,
      callback: options.callback,
      regions: options.regions,
      // A proxy's own address is known only to whoever set it up: publicUrl, never a client's X-Forwarded-* headers.
      originOf: (request) => (publicUrl?.url ?? request.origin ?? 'http://localhost').replace(/\/$/, ''),
      async faceUrl(origin, transactionId) {
        const expires = String(Math.floor(now().getTime() / 1000) + ttl);
        const signature = await sign(`${namespace ?? ''}:${transactionId}`, expires);
        return `${await linkBase(origin)}/faces/${encodeURIComponent(transactionId)}/${expires}/${signature}`;
      },
      async checkFaceUrl(transactionId, expires, signature) {
        if (!/^\d{1,12}$/.test(expires)) return 'forged';
        const expected = encoder.encode(await sign(`${namespace ?? ''}:${transactionId}`, expires));
        if (!constantTimeEqual(expected, encoder.encode(signature))) return 'forged';
        return Number(expires) * 1000 <= now().getTime() ? 'expired' : 'ok';
      },
      linkBase,
      inNamespace: (name) => settings(name),
      async openLink(path) {
        const found = NAMESPACED_LINK.exec(path);
        if (!found) return null;
        const [, name, signature, rest] = found as unknown as [string, string, string, string];
        const namespace = decodeURIComponent(name);
        return constantTimeEqual(encoder.encode(await markOf(namespace)), encoder.encode(signature))
          ? { namespace, path: `/__mock${rest}` }
          : 'forged';
      },
    };
  };
  return settings(undefined);
}
