/**
 * The `publicUrl` option (CLI --public-url) as the origin the mock's own URLs are built on, or why it cannot be:
 * an absolute http(s) URL, a path prefix allowed (a proxy that mounts the mock under /mock), no query or fragment
 * (the mock appends paths to it). The trailing slash is dropped.
 */
export function checkPublicUrl(value: string): { ok: true; url: string } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, error: `the public URL must be an absolute http(s) URL such as https://mock.example.com, got "${value}"` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, error: `the public URL must use http or https, got "${value}"` };
  if (url.search || url.hash || value.includes('?') || value.includes('#'))
    return { ok: false, error: `the public URL cannot carry a query or a fragment (the mock appends paths to it), got "${value}"` };
  if (url.username || url.password) return { ok: false, error: `the public URL cannot carry credentials, got "${value}"` };
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}
