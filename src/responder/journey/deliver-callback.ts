import type { JournalState } from '../../state/mock-state.js';
import type { JourneySettings } from './journey-settings.js';
import { keptText } from '../../core/text/kept-text.js';
import { splitUserinfo } from '../../core/http/url-userinfo.js';

/** One attempt to deliver a callback: the HTTP status (0 for none) and what happened. */
export interface CallbackAttempt {
  attempt: number;
  status: number;
  detail: string;
}

/** Redirects one attempt follows at most, as image downloads do (downloadImage's maxRedirects). */
export const MAX_CALLBACK_REDIRECTS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How one attempt ended: delivered, failed (retried), or failed for good (a refused host, a redirect loop). */
type Ending = { status: number; detail: string; delivered: boolean; final: boolean };

/**
 * POSTs the vendor's notification (docs/vendor-api.md#callback-notification) to `url`: anything but HTTP 200 (a
 * status, a network error, no answer in time) is retried after a backoff that doubles, `retries` times at most.
 * Redirects are followed here, one hop at a time, at most MAX_CALLBACK_REDIRECTS, each hop asked of `allowHost`
 * and sent through the same fetch (the server's guards the address it connects to): a fetch that followed them by
 * itself reached loopback services behind a public first hop. A refused host or a redirect past the cap is not
 * retried, so one delivery sends at most (retries + 1) x (1 + MAX_CALLBACK_REDIRECTS) requests. Every attempt is
 * journaled (CALLBACK_<type>, or CALLBACK_<type>_FAILED with why) and each failure is given to `warn`. Never throws.
 */
export async function deliverCallback(
  url: string,
  body: { signatureId: string; type: 'COMPLETED' | 'SUBMIT_COMPLETED' },
  settings: JourneySettings['callback'],
  journal: JournalState,
  now: () => Date,
): Promise<CallbackAttempt[]> {
  const attempts: CallbackAttempt[] = [];
  const total = settings.retries + 1;
  const outcome = `CALLBACK_${body.type}`;
  for (let attempt = 1; attempt <= total; attempt++) {
    const started = performance.now();
    const ending = await attemptOnce(url, body, settings);
    const last = ending.delivered || ending.final || attempt === total;
    const backoff = settings.backoffMs * 2 ** (attempt - 1);
    const next = ending.delivered ? '' : last ? '; no more retries follow' : `; retrying in ${backoff} ms`;
    const detail = `callback ${body.type} for ${body.signatureId}, attempt ${attempt} of ${total}: ${ending.detail}${next}`;
    attempts.push({ attempt, status: ending.status, detail: ending.detail });
    journal.record({
      time: now().toISOString(),
      method: 'POST',
      path: keptText(url, 300),
      status: ending.status,
      outcome: ending.delivered ? outcome : `${outcome}_FAILED`,
      source: 'check',
      detail,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
    });
    if (!ending.delivered) settings.warn?.(detail);
    if (last) break;
    await sleep(backoff);
  }
  return attempts;
}

async function attemptOnce(
  url: string,
  body: { signatureId: string; type: string },
  settings: JourneySettings['callback'],
): Promise<Ending> {
  const failed = (detail: string, final = false, status = 0): Ending => ({ status, detail, delivered: false, final });
  // A URL with userinfo cannot make a Request; its credentials go as HTTP Basic, as a client sends `user:pass@`.
  const first = splitUserinfo(url);
  let target = first.url;
  let post = true;
  try {
    for (let hop = 0; ; hop++) {
      const current = new URL(target);
      if (current.protocol !== 'http:' && current.protocol !== 'https:') return failed(`redirected to a ${current.protocol} URL`, true);
      if (settings.allowHost && !(await settings.allowHost(current.hostname))) {
        return failed(`refused: ${keptText(current.hostname, 100)} is a private or loopback address on an exposed server`, true);
      }
      // The credentials go to the callbackUrl's own origin only, as fetch drops Authorization on a cross-origin redirect.
      const authorization = first.authorization && current.origin === new URL(first.url).origin ? first.authorization : undefined;
      const init = {
        method: post ? 'POST' : 'GET',
        headers: {
          ...(post ? { 'content-type': 'application/json' } : {}),
          ...(authorization ? { authorization } : {}),
        },
        ...(post ? { body: JSON.stringify(body) } : {}),
        redirect: 'manual' as const,
        signal: AbortSignal.timeout(settings.timeoutMs),
      };
      let response = await settings.fetch(new Request(current, init));
      // A browser hides manual redirects (opaqueredirect); there it follows them itself, with its own cap.
      if (response.type === 'opaqueredirect') response = await settings.fetch(new Request(current, { ...init, redirect: 'follow' }));
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        if (hop >= MAX_CALLBACK_REDIRECTS) return failed(`more than ${MAX_CALLBACK_REDIRECTS} redirects`, true, response.status);
        target = new URL(location, current).href;
        // As fetch does: 303, and 301/302 after a POST, go on as a GET without the body; 307 and 308 repeat the POST.
        if (response.status === 303 || response.status === 301 || response.status === 302) post = false;
        continue;
      }
      if (response.status === 200) return { status: 200, detail: 'HTTP 200', delivered: true, final: true };
      return failed(`HTTP ${response.status}`, false, response.status);
    }
  } catch (error) {
    const { name, message, cause } = error as Error;
    if (name === 'TimeoutError') return failed(`no answer within ${settings.timeoutMs} ms`);
    // A refusal of the server's guard (the address connected to is private) is final, like allowHost's.
    const refusal = [error, cause].find((e) => (e as Error)?.name === 'PrivateAddressError') as Error | undefined;
    if (refusal) return failed(`refused: ${keptText(refusal.message, 300)}`, true);
    const why = cause instanceof Error ? `${message} (${cause.message})` : message;
    return failed(`network error: ${keptText(String(why), 300)}`);
  }
}
