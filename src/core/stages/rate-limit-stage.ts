import type { Stage } from './stage.js';

/** More requests in one second than `rateLimit` answer SERVICE_BUSY, as the vendor's gateway does (fixed window). */
export const rateLimitStage: Stage = {
  name: 'rate-limit',
  async run({ settings, rateWindow }) {
    const limit = settings.rateLimit;
    if (limit === undefined) return undefined;
    const second = Math.floor(settings.now().getTime() / 1000);
    let count: number;
    // A shared window (Redis) counts every replica's requests; the core's own counts this process's.
    if (rateWindow) count = await rateWindow.hit(second);
    else {
      const current = settings.rateWindow;
      if (second !== current.second) [current.second, current.count] = [second, 0];
      count = ++current.count;
    }
    if (count <= limit) return undefined;
    return { outcome: 'SERVICE_BUSY', source: 'check', detail: `more than ${limit} requests in one second` };
  },
};
