export interface DownloadOptions {
  /** The fetch to download with. The MSW adapter passes a marked plain fetch, so the test's own handlers answer it. */
  fetch?: (input: Request) => Promise<Response>;
  /** Total time for connect, redirects and body. Default 5000 ms. */
  timeoutMs?: number;
  /** Redirects followed at most. Default 3. */
  maxRedirects?: number;
  /** Aborted when the requesting client goes away: the download stops at once. */
  signal?: AbortSignal;
  /** Asked before every hop (the first URL and each redirect); false refuses the download. */
  allowHost?: (hostname: string) => boolean | Promise<boolean>;
}

export type DownloadResult =
  { ok: true; bytes: Uint8Array; contentType: string } | { ok: false; reason: 'failed' | 'too-large' | 'content-type'; detail: string };

const IMAGE_TYPES = new Set(['image/jpeg', 'image/jpg', 'image/png']);

/**
 * Downloads an http(s) image with a total timeout, a redirect cap, no credentials and a byte cap that stops
 * reading as soon as `maxBytes` is passed (never buffering more than maxBytes + one chunk).
 */
export async function downloadImage(url: string, maxBytes: number, options: DownloadOptions = {}): Promise<DownloadResult> {
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const maxRedirects = options.maxRedirects ?? 3;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 5000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      const target = new URL(current);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        return { ok: false, reason: 'failed', detail: `redirected to a ${target.protocol} URL` };
      }
      if (options.allowHost && !(await options.allowHost(target.hostname))) {
        return { ok: false, reason: 'failed', detail: `${target.hostname} is a private or loopback address, which this server refuses` };
      }
      let response = await doFetch(new Request(target, { redirect: 'manual', credentials: 'omit', signal }));
      // A browser hides manual redirects (opaqueredirect); there it follows them itself, with its own cap.
      if (response.type === 'opaqueredirect') {
        response = await doFetch(new Request(target, { redirect: 'follow', credentials: 'omit', signal }));
      }
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        discard(response);
        if (hop >= maxRedirects) return { ok: false, reason: 'failed', detail: `more than ${maxRedirects} redirects` };
        current = new URL(response.headers.get('location') as string, target).href;
        continue;
      }
      if (!response.ok) {
        discard(response);
        return { ok: false, reason: 'failed', detail: `the image URL answered HTTP ${response.status}` };
      }
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!IMAGE_TYPES.has(contentType)) {
        discard(response);
        return { ok: false, reason: 'content-type', detail: `the image URL answered content type "${contentType}"` };
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        discard(response);
        return { ok: false, reason: 'too-large', detail: `content-length ${declared} is over ${maxBytes} bytes` };
      }
      const bytes = await readCapped(response, maxBytes);
      if (!bytes) return { ok: false, reason: 'too-large', detail: `the image is over ${maxBytes} bytes` };
      return { ok: true, bytes, contentType };
    }
  } catch (error) {
    const name = (error as Error).name;
    const detail =
      name === 'TimeoutError' || name === 'AbortError' ? 'the download timed out' : `the download failed: ${(error as Error).message}`;
    return { ok: false, reason: 'failed', detail };
  }
}

/** The body, or null as soon as it passes `maxBytes` (the rest is not read). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Drops a body we will not read. Not awaited: some fetch layers (MSW's interceptor) settle cancel() late. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}
