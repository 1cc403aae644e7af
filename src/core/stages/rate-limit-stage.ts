import type { Stage } from './stage.js';

/** More requests in one second than `rateLimit` answer SERVICE_BUSY, as the vendor's gateway does (fixed window). */
export const rateLimitStage: Stage = {
  name: 'rate-limit',
  run({ settings }) {
    const limit = settings.rateLimit;
    if (limit === undefined) return undefined;
    const window = settings.rateWindow;
    const second = Math.floor(settings.now().getTime() / 1000);
    if (second !== window.second) [window.second, window.count] = [second, 0];
    if (++window.count <= limit) return undefined;
    return { outcome: 'SERVICE_BUSY', source: 'check', detail: `more than ${limit} requests in one second` };
  },
};
