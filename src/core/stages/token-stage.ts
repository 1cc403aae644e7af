import type { Stage } from './stage.js';

/**
 * The access token (docs/vendor-api.md, "Token Authentication"): `any` accepts any non-empty X-ACCESS-TOKEN,
 * `issued` only an unexpired token the mock issued, `off` checks nothing.
 */
export const tokenStage: Stage = {
  name: 'token',
  async run({ request, settings }) {
    if (settings.token === 'off') return undefined;
    const token = request.headers['x-access-token']?.trim();
    if (!token) return { outcome: 'IAM_FAILED', source: 'check', detail: 'no X-ACCESS-TOKEN header' };
    if (settings.verifyToken && !(await settings.verifyToken(token))) {
      return { outcome: 'IAM_FAILED', source: 'check', detail: 'X-ACCESS-TOKEN is not a valid, unexpired token' };
    }
    return undefined;
  },
};
