import type { Stage, StageContext } from './stage.js';

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

/**
 * An operation's stages as they run with `token`: with `issued` (--token issued) the token check comes right
 * after the caller's force, so on an exposed server neither `Prefer`, a fault header nor a rule stands in for a
 * credential; otherwise in its place in the list.
 */
export function issuedTokenFirst<C extends StageContext>(
  stages: readonly Stage<C>[],
  token: 'off' | 'any' | 'issued',
): readonly Stage<C>[] {
  if (token !== 'issued' || !stages.includes(tokenStage)) return stages;
  const rest = stages.filter((stage) => stage !== tokenStage);
  const force = rest.findIndex((stage) => stage.name === 'force');
  return [...rest.slice(0, force + 1), tokenStage, ...rest.slice(force + 1)];
}
