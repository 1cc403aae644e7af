/** The vendor's limit on every URL of Generate Face Authentication URL (docs/vendor-api.md#generate-face-authentication-url). */
export const MAX_JOURNEY_URL_LENGTH = 2048;

/** Schemes a redirect URL may never use (docs/vendor-api.md#redirect-and-callback-url-rules). */
export const FORBIDDEN_REDIRECT_SCHEMES: ReadonlySet<string> = new Set(['javascript', 'data', 'file', 'about', 'blob', 'intent']);

/**
 * The vendor's URL rules (docs/vendor-api.md#redirect-and-callback-url-rules): why `value` is refused, or null.
 * `callback`: http(s) only. `redirect` (returnUrl, failReturnUrl): any scheme but the forbidden ones. Both: at
 * most 2048 characters, no control characters, an absolute URI with a host (`myapp:` and `myapp://` have none).
 */
export function journeyUrlProblem(value: string, kind: 'callback' | 'redirect'): string | null {
  if (value.length > MAX_JOURNEY_URL_LENGTH) return `is ${value.length} characters long; at most ${MAX_JOURNEY_URL_LENGTH} are allowed`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'holds a control character';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URI (write scheme://host/...)';
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (kind === 'callback' && scheme !== 'http' && scheme !== 'https') return `the scheme must be http or https, not "${scheme}"`;
  if (kind === 'redirect' && FORBIDDEN_REDIRECT_SCHEMES.has(scheme)) return `the scheme "${scheme}" is not allowed for a redirect`;
  if (!url.host) return 'has no host (write scheme://host/...)';
  return null;
}
