import type { Stage } from './stage.js';

/** More requests in one second than `rateLimit` answer SERVICE_BUSY, as the vendor's gateway does (fixed window). */
export const rateLimitStage: Stage = {
  name: 'rate-limit',
  run({ settings }) {
    const limit = settings.rateLimit;
    if (limit === undefined) return undefined;
    const current = settings.rateWindow;
    const second = Math.floor(settings.now().getTime() / 1000);
    if (second !== current.second) [current.second, current.count] = [second, 0];
    if (++current.count <= limit) return undefined;
    return { outcome: 'SERVICE_BUSY', source: 'check', detail: `more than ${limit} requests in one second` };
  },
};
