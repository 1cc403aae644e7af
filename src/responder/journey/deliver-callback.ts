import type { JournalState } from '../../state/mock-state.js';
import type { JourneySettings } from './journey-settings.js';
import { keptText } from '../../core/kept-text.js';
import { splitUserinfo } from '../../core/url-userinfo.js';

/** One attempt to deliver a callback: the HTTP status (0 for none) and what happened. */
export interface CallbackAttempt {
  attempt: number;
  status: number;
  detail: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs the vendor's notification (docs/vendor-api.md#callback-notification) to `url`: anything but HTTP 200 (a
 * status, a network error, no answer in time) is retried after a backoff that doubles, `retries` times at most.
 * Every attempt is journaled. Never throws.
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
  const record = (attempt: CallbackAttempt, started: number) => {
    attempts.push(attempt);
    journal.record({
      time: now().toISOString(),
      method: 'POST',
      path: keptText(url, 300),
      status: attempt.status,
      outcome: `CALLBACK_${body.type}`,
      source: 'check',
      detail: `callback ${body.type} for ${body.signatureId}, attempt ${attempt.attempt} of ${total}: ${attempt.detail}`,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
  if (settings.allowHost) {
    const started = performance.now();
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      /* checked when the URL was issued */
    }
    if (!(await settings.allowHost(host))) {
      record(
        { attempt: 1, status: 0, detail: `refused: ${keptText(host, 100)} is a private or loopback address on an exposed server` },
        started,
      );
      return attempts;
    }
  }
  // A URL with userinfo cannot make a Request; its credentials go as HTTP Basic, as a client sends `user:pass@`.
  const target = splitUserinfo(url);
  for (let attempt = 1; attempt <= total; attempt++) {
    const started = performance.now();
    try {
      const response = await settings.fetch(
        new Request(target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(target.authorization ? { authorization: target.authorization } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(settings.timeoutMs),
        }),
      );
      await response.body?.cancel().catch(() => undefined);
      record({ attempt, status: response.status, detail: `HTTP ${response.status}` }, started);
      if (response.status === 200) return attempts;
    } catch (error) {
      const reason =
        (error as Error)?.name === 'TimeoutError'
          ? `no answer within ${settings.timeoutMs} ms`
          : `network error: ${keptText(String((error as Error)?.message), 300)}`;
      record({ attempt, status: 0, detail: reason }, started);
    }
    if (attempt < total) await sleep(settings.backoffMs * 2 ** (attempt - 1));
  }
  return attempts;
}
