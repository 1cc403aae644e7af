import { keptText } from '../text/kept-text.js';

export interface DownloadOptions {
  /**
   * The fetch to download with. MSW adapters pass one wrapped in `bypass` so the download is not intercepted;
   * the Node server passes createGuardedFetch (src/node). `init.signal` ends the download: it is the same
   * signal as the request's, given apart because a Request's copy of a signal can be lost (see downloadImage).
   */
  fetch?: (input: Request, init: { signal: AbortSignal }) => Promise<Response>;
  /** Total time for connect, redirects and body. Default 5000 ms. */
  timeoutMs?: number;
  /** Redirects followed at most. Default 3. */
  maxRedirects?: number;
  /** Asked before every hop (the first URL and each redirect); false refuses the download. */
  allowHost?: (hostname: string) => boolean | Promise<boolean>;
  /** Ends the download at once when aborted: pass the enroll request's signal, so a client that leaves frees it. */
  signal?: AbortSignal;
}

export type DownloadResult =
  { ok: true; bytes: Uint8Array; contentType: string } | { ok: false; reason: 'failed' | 'too-large' | 'content-type'; detail: string };

const IMAGE_TYPES = new Set(['image/jpeg', 'image/jpg', 'image/png']);

/**
 * Downloads an http(s) image with a total timeout, a redirect cap, no credentials and a byte cap that stops
 * reading as soon as `maxBytes` is passed (never buffering more than maxBytes + one chunk).
 *
 * The deadline and the caller's signal settle the answer themselves, racing the download, instead of relying
 * on fetch to honour an abort: Node's fetch follows a signal through its own copy of the Request, held only
 * weakly, and after a garbage collection the abort never arrives (undici issue 4068), so a host that held its
 * headers for 20 s was answered after 20 s. The timer below is a strong reference for the download's
 * lifetime; the abort still goes to fetch and to the body reader, to free the connection when it can.
 */
export async function downloadImage(url: string, maxBytes: number, options: DownloadOptions = {}): Promise<DownloadResult> {
  const cancelled: DownloadResult = { ok: false, reason: 'failed', detail: 'the download was cancelled: its request has ended' };
  if (options.signal?.aborted) return cancelled;
  const controller = new AbortController();
  let settle!: (result: DownloadResult) => void;
  const stopped = new Promise<DownloadResult>((resolve) => (settle = resolve));
  const stop = (result: DownloadResult, reason: unknown) => {
    settle(result);
    controller.abort(reason);
  };
  const timer = setTimeout(
    () =>
      stop({ ok: false, reason: 'failed', detail: 'the download timed out' }, new DOMException('the download timed out', 'TimeoutError')),
    options.timeoutMs ?? 5000,
  );
  const onCancel = () => stop(cancelled, options.signal?.reason);
  options.signal?.addEventListener('abort', onCancel, { once: true });
  try {
    return await Promise.race([follow(url, maxBytes, options, controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
    // Whatever answered, nothing of this download is needed any more.
    controller.abort(new DOMException('the download has ended', 'AbortError'));
  }
}

async function follow(url: string, maxBytes: number, options: DownloadOptions, signal: AbortSignal): Promise<DownloadResult> {
  const doFetch = options.fetch ?? ((request: Request, init: { signal: AbortSignal }) => fetch(request, init));
  const maxRedirects = options.maxRedirects ?? 3;
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      const target = new URL(current);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        return { ok: false, reason: 'failed', detail: `redirected to a ${target.protocol} URL` };
      }
      if (options.allowHost && !(await options.allowHost(target.hostname))) {
        return {
          ok: false,
          reason: 'failed',
          detail: `${keptText(target.hostname, 100)} is a private or loopback address, which this server refuses`,
        };
      }
      let response = await doFetch(new Request(target, { redirect: 'manual', credentials: 'omit', signal }), { signal });
      // A browser hides manual redirects (opaqueredirect); there it follows them itself, with its own cap.
      if (response.type === 'opaqueredirect') {
        response = await doFetch(new Request(target, { redirect: 'follow', credentials: 'omit', signal }), { signal });
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
        return { ok: false, reason: 'content-type', detail: `the image URL answered content type "${keptText(contentType, 100)}"` };
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        discard(response);
        return { ok: false, reason: 'too-large', detail: `content-length ${declared} is over ${maxBytes} bytes` };
      }
      const bytes = await readCapped(response, maxBytes, signal);
      if (!bytes) return { ok: false, reason: 'too-large', detail: `the image is over ${maxBytes} bytes` };
      return { ok: true, bytes, contentType };
    }
  } catch (error) {
    const { name, message, cause } = error as Error;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, reason: 'failed', detail: 'the download timed out' };
    // Node's fetch says only "fetch failed"; the cause says why (connection refused, reset, ...).
    const why = cause instanceof Error ? `${message} (${cause.message})` : message;
    // The message can quote the URL (credentials included: Request refuses them by quoting it): kept bounded, without them.
    return { ok: false, reason: 'failed', detail: `the download failed: ${keptText(why, 300)}` };
  }
}

/** The body, or null as soon as it passes `maxBytes` (the rest is not read). An abort cancels the body. */
async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  // Cancelling the body is what frees the connection, whether or not fetch still hears the signal.
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', cancel);
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
