import { USER_ID_PATTERN } from '../../core/check-fields.js';
import { journeyUrlProblem } from '../../core/journey/check-journey-url.js';
import { checkRegion } from '../../core/regions.js';
import { generateUrlOutcomes, generateUrlPath } from '../../generated/outcomes.js';
import { journeyOperation } from './journey-operation.js';
import { describeValue } from '../../core/describe-value.js';
import { keptValue } from '../../core/kept-text.js';
import { withoutUserinfo } from '../../core/url-userinfo.js';

const REQUIRED = ['returnUrl', 'failReturnUrl', 'callbackUrl', 'userId', 'region'] as const;
const STRINGS = [...REQUIRED, 'bizId', 'language', 'prefersColorScheme', 'bizCode', 'productLevel'];
const BOOLEANS = ['iframeEnabled', 'ignoreFailWhenJump'];

/** Generate Face Authentication URL: checks the fields and the vendor's URL rules, then opens an authentication. */
export const generateUrlOperation = journeyOperation({
  path: generateUrlPath,
  catalog: generateUrlOutcomes,
  pricing: false,
  async decide({ body, request }, context) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return { outcome: 'PARAMETER_ERROR', detail: 'the body is not a JSON object' };
    const fields = body as Record<string, unknown>;
    const get = (key: string) => (Object.hasOwn(fields, key) ? fields[key] : undefined);
    for (const key of REQUIRED) {
      const value = get(key);
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
        return { outcome: 'PARAMETER_ERROR_EMPTY', detail: `${key} is missing or empty` };
      }
    }
    for (const key of STRINGS) {
      if (get(key) !== undefined && typeof get(key) !== 'string') return { outcome: 'PARAMETER_ERROR', detail: `${key} must be a string` };
    }
    for (const key of BOOLEANS) {
      if (get(key) !== undefined && typeof get(key) !== 'boolean')
        return { outcome: 'PARAMETER_ERROR', detail: `${key} must be a boolean` };
    }
    const prefers = get('prefersColorScheme');
    if (prefers !== undefined && prefers !== 'light' && prefers !== 'dark') {
      return { outcome: 'PARAMETER_ERROR', detail: 'prefersColorScheme must be light or dark' };
    }
    const userId = get('userId') as string;
    if (!USER_ID_PATTERN.test(userId))
      return { outcome: 'PARAMETER_ERROR_USER_ID_INVALID', detail: 'userId must be 1-64 of A-Z a-z 0-9 _ - . @ :' };
    for (const [key, kind] of [
      ['callbackUrl', 'callback'],
      ['returnUrl', 'redirect'],
      ['failReturnUrl', 'redirect'],
    ] as const) {
      const problem = journeyUrlProblem(get(key) as string, kind);
      if (problem) return { outcome: 'PARAMETER_ERROR_URL_INVALID', extra: `${key}: ${problem}`, detail: `${key} ${problem}` };
    }
    const region = checkRegion(get('region'), context.journey.supportedRegions);
    if (region !== 'ok')
      return { outcome: region, detail: `region ${describeValue(get('region'))} is not an accepted ISO 3166-1 alpha-3 code` };
    const signatureId = context.journey.random.transactionId();
    const url = `${await context.journey.linkBase(context.journey.originOf(request))}/h5/${signatureId}`;
    await context.authentications.add({
      signatureId,
      userId,
      region: get('region') as string,
      // The redirects lose their userinfo (they are answered to the browser and shown); callbackUrl keeps it, as
      // the one field the callback sends it from (Basic credentials), never shown (docs/vendor-api.md#kit-choices-for-the-journey).
      returnUrl: withoutUserinfo(get('returnUrl') as string),
      failReturnUrl: withoutUserinfo(get('failReturnUrl') as string),
      callbackUrl: get('callbackUrl') as string,
      // As sent, but bounded (keptValue: texts cut at 2,048 characters, 64 fields, no URL userinfo): an 8 MB
      // extra field times the 10,000 authentications kept would otherwise be 80 GB (docs/reliability.md).
      inputParameters: keptValue(fields) as Record<string, unknown>,
      url,
      createdAt: context.now().toISOString(),
      result: null,
    });
    return { outcome: 'SUCCESS', data: { url, signatureId }, detail: `authentication ${signatureId} for ${userId}` };
  },
});
