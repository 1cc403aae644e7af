import type { Scenario } from './contract-case.js';

/** The token the table's files write where a real one goes; the runner sends its own token instead. */
export const SCENARIO_TOKEN = 'scenario-token';

/** Where a case's images come from: bytes for base64 cases, a URL (or why there is none) for URL cases. */
export interface CaseImages {
  /** `$fixture: NAME` (the kit's fixtures/images/NAME) or `$generated: NAME` (generated-images.ts). */
  bytes(ref: { fixture: string } | { generated: string }): Uint8Array | Promise<Uint8Array>;
  /** `$imageUrl: PATH`, a path on the kit's image server (start-image-server.ts lists the routes). */
  url(path: string): { url: string } | { skip: string };
}

export interface MaterializeOptions {
  images: CaseImages;
  /** Prepended to every non-blank string userId, so a run's users are recognisable on a real account. */
  userPrefix: string;
  /** The token sent where the case names the placeholder token (or sends none of its own headers). */
  token: string;
}

export type Materialized = { headers: Record<string, string>; bodyText: string; userId?: string } | { skip: string };

function toBase64(bytes: Uint8Array): string {
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * A case's request as headers and body text: `{ $fixture: NAME, prefix? }` becomes the base64 of that image,
 * `{ $generated: NAME }` the base64 of a generated one, `{ $imageUrl: PATH }` a URL where the target can
 * fetch it (or a skip with the reason there is none), `$NAME` a value an earlier given step saved
 * (`$signatureId`). The placeholder token becomes a real one.
 */
export async function materializeCase(
  scenario: Pick<Scenario, 'request'>,
  options: MaterializeOptions,
  saved: Readonly<Record<string, string>> = {},
): Promise<Materialized> {
  const given = scenario.request.headers ?? { 'X-ACCESS-TOKEN': SCENARIO_TOKEN };
  const headers = Object.fromEntries(
    Object.entries(given).map(([name, value]) => [
      name,
      name.toLowerCase() === 'x-access-token' && value === SCENARIO_TOKEN ? options.token : value,
    ]),
  );
  let skip: string | undefined;
  const resolve = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map(resolve));
    if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (typeof v.$fixture === 'string') return String(v.prefix ?? '') + toBase64(await options.images.bytes({ fixture: v.$fixture }));
      if (typeof v.$generated === 'string') return toBase64(await options.images.bytes({ generated: v.$generated }));
      if (v.$recorded && typeof v.$recorded === 'object') {
        skip ??= `the recorded face image is not kept (biometric data), only its SHA-256 ${String((v.$recorded as { sha256?: unknown }).sha256)}: replace it with { $fixture: NAME } to replay the case`;
        return null;
      }
      if (typeof v.$imageUrl === 'string') {
        const where = options.images.url(v.$imageUrl);
        if ('skip' in where) skip ??= where.skip;
        return 'url' in where ? where.url : null;
      }
      return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await resolve(x)] as const)));
    }
    // `$signatureId`: what an earlier given step saved (the journey's cases).
    if (typeof value === 'string' && value.startsWith('$') && Object.hasOwn(saved, value.slice(1))) return saved[value.slice(1)];
    return value;
  };
  let userId: string | undefined;
  let bodyText = scenario.request.bodyText;
  if (bodyText === undefined) {
    const body = await resolve(scenario.request.body);
    if (skip) return { skip };
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const fields = body as Record<string, unknown>;
      // Blank userIds stay blank: prefixing them would turn an "empty" case into a valid request.
      if (typeof fields.userId === 'string' && fields.userId.trim() !== '') fields.userId = userId = options.userPrefix + fields.userId;
    }
    bodyText = JSON.stringify(body);
  }
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return { headers: hasType ? headers : { 'content-type': 'application/json', ...headers }, bodyText, ...(userId ? { userId } : {}) };
}

/**
 * Image URLs on a static host where the user put `face-enroll-mock fixtures export DIR`: the same images
 * under flat names. What a static host cannot do (redirect on demand) is a skip with the reason.
 */
export function staticImageUrl(base: string, path: string): { url: string } | { skip: string } {
  const root = base.replace(/\/$/, '');
  let m: RegExpExecArray | null;
  if ((m = /^\/(?:images|generated)\/([^/]+)$/.exec(path))) return { url: `${root}/${m[1]}` };
  // A file the export never writes: a static host answers it with 404 (or 403 where listing is off).
  if (path === '/status/404') return { url: `${root}/not-exported-404.jpg` };
  // Static hosts type files by extension: the export writes NAME.html with NAME's bytes.
  if ((m = /^\/as\/text\/html\/images\/([^/]+)$/.exec(path))) return { url: `${root}/${m[1]}.html` };
  // The journey's callbackUrl: the target only stores it (and POSTs to it later, which no case judges).
  if (path === '/callback') return { url: `${root}/callback` };
  return { skip: `needs an image host that answers ${path} (redirects or a status on demand); --image-base-url serves static files` };
}
