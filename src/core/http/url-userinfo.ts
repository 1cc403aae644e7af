import { keptText } from '../text/kept-text.js';

/** A URL without its userinfo, and the HTTP Basic credentials the userinfo carried (when it had any). */
export interface SplitUrl {
  url: string;
  /** `Basic base64(user:password)`, the userinfo percent-decoded: what a client sends for `user:pass@`. */
  authorization?: string;
}

/**
 * Splits the userinfo off a URL (`https://user:pass@host/cb` -> `https://host/cb` and `Basic dXNlcjpwYXNz`), as
 * the WHATWG parser reads it (the last `@` of the authority ends the userinfo). A URL without userinfo comes back
 * as it was sent; one that does not parse loses any `user:pass@` the text shows. Isomorphic.
 */
export function splitUserinfo(text: string): SplitUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { url: keptText(text, Number.POSITIVE_INFINITY) };
  }
  if (!url.username && !url.password) return { url: text };
  const credentials = `${safeDecode(url.username)}:${safeDecode(url.password)}`;
  url.username = '';
  url.password = '';
  let binary = '';
  for (const byte of new TextEncoder().encode(credentials)) binary += String.fromCharCode(byte);
  return { url: url.href, authorization: `Basic ${btoa(binary)}` };
}

/** The URL without its userinfo, for what is shown, returned or logged (docs/reliability.md, "Request texts"). */
export function withoutUserinfo(text: string): string {
  return splitUserinfo(text).url;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
