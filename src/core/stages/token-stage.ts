import type { Stage } from './stage.js';

/**
 * The access token (docs/vendor-api.md, "Token Authentication"): `any` accepts any non-empty X-ACCESS-TOKEN,
 * `issued` only an unexpired token the mock issued, `off` checks nothing.
 */
export const tokenStage: Stage = {
  name: 'token',
  async run({ request, settings }) {
    const problem = await checkToken(request.headers, settings.token, settings.verifyToken);
    return problem ? { outcome: 'IAM_FAILED', source: 'check', detail: problem } : undefined;
  },
};

/** The token rule every business operation applies (enroll and the journey's): why it refuses, or null. */
export async function checkToken(
  headers: Record<string, string>,
  mode: 'off' | 'any' | 'issued',
  verifyToken: ((token: string) => boolean | Promise<boolean>) | undefined,
): Promise<string | null> {
  if (mode === 'off') return null;
  const token = headers['x-access-token']?.trim();
  if (!token) return 'no X-ACCESS-TOKEN header';
  if (verifyToken && !(await verifyToken(token))) return 'X-ACCESS-TOKEN is not a valid, unexpired token';
  return null;
}
