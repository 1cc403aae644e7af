import type { Stage } from './stage.js';

/** More requests in one second than `rateLimit` answer SERVICE_BUSY, as the vendor's gateway does (fixed window). */
export const rateLimitStage: Stage = {
  name: 'rate-limit',
  async run({ settings, rateWindow }) {
    const limit = settings.rateLimit;
    if (limit === undefined) return undefined;
    const second = Math.floor(settings.now().getTime() / 1000);
    // The request's window (its namespace's, in memory or shared), or the core's own when it runs alone.
    const count = await (rateWindow ?? settings.rateWindow).hit(second);
    if (count <= limit) return undefined;
    return { outcome: 'SERVICE_BUSY', source: 'check', detail: `more than ${limit} requests in one second` };
  },
};
