import { USER_ID_PATTERN } from '../../core/fields/check-fields.js';
import { describeValue } from '../../core/text/describe-value.js';
import { journeyUrlProblem } from '../../core/journey/check-journey-url.js';
import { keptValue } from '../../core/text/kept-text.js';
import { checkRegion } from '../../core/fields/regions.js';
import { sharedStages } from '../../core/stages/shared-stages.js';
import { objectBody } from '../../core/stages/object-body.js';
import type { Stage } from '../../core/stages/stage.js';
import { tokenStage } from '../../core/stages/token-stage.js';
import { withoutUserinfo } from '../../core/http/url-userinfo.js';
import { generateUrlOutcomes, generateUrlPath } from '../../generated/outcomes.js';
import { createOperation } from '../create-operation.js';
import { stagedOperation, type OperationStageContext } from '../staged-operation.js';
import { journeyFacts, journeyPreferable } from './journey-facts.js';

const REQUIRED = ['returnUrl', 'failReturnUrl', 'callbackUrl', 'userId', 'region'] as const;
const STRINGS = [...REQUIRED, 'bizId', 'language', 'prefersColorScheme', 'bizCode', 'productLevel'];
const BOOLEANS = ['iframeEnabled', 'ignoreFailWhenJump'];

interface GenerateUrlContext extends OperationStageContext {
  /** The body, once the fields stage found it an object. */
  fields?: Record<string, unknown>;
}

const field = (fields: Record<string, unknown>, key: string) => (Object.hasOwn(fields, key) ? fields[key] : undefined);

/** Presence and types of the fields, and the userId rule. */
const fieldsStage: Stage<GenerateUrlContext> = {
  name: 'fields',
  run(context) {
    const read = objectBody(context.request);
    if ('refused' in read) return read.refused;
    const { body } = read;
    const get = (key: string) => field(body, key);
    for (const key of REQUIRED) {
      const value = get(key);
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
        return { outcome: 'PARAMETER_ERROR_EMPTY', source: 'check', detail: `${key} is missing or empty` };
    }
    for (const key of STRINGS)
      if (get(key) !== undefined && typeof get(key) !== 'string')
        return { outcome: 'PARAMETER_ERROR', source: 'check', detail: `${key} must be a string` };
    for (const key of BOOLEANS)
      if (get(key) !== undefined && typeof get(key) !== 'boolean')
        return { outcome: 'PARAMETER_ERROR', source: 'check', detail: `${key} must be a boolean` };
    const prefers = get('prefersColorScheme');
    if (prefers !== undefined && prefers !== 'light' && prefers !== 'dark')
      return { outcome: 'PARAMETER_ERROR', source: 'check', detail: 'prefersColorScheme must be light or dark' };
    if (!USER_ID_PATTERN.test(get('userId') as string))
      return { outcome: 'PARAMETER_ERROR_USER_ID_INVALID', source: 'check', detail: 'userId must be 1-64 of A-Z a-z 0-9 _ - . @ :' };
    context.fields = body;
    return undefined;
  },
};

/** The vendor's URL rules for the callback and the two redirects. */
const urlsStage: Stage<GenerateUrlContext> = {
  name: 'urls',
  run({ fields }) {
    for (const [key, kind] of [
      ['callbackUrl', 'callback'],
      ['returnUrl', 'redirect'],
      ['failReturnUrl', 'redirect'],
    ] as const) {
      const problem = journeyUrlProblem(field(fields!, key) as string, kind);
      if (problem)
        return { outcome: 'PARAMETER_ERROR_URL_INVALID', source: 'check', extra: `${key}: ${problem}`, detail: `${key} ${problem}` };
    }
    return undefined;
  },
};

/** An ISO 3166-1 alpha-3 code the mock accepts. */
const regionStage: Stage<GenerateUrlContext> = {
  name: 'region',
  run({ fields, operation }) {
    const region = checkRegion(field(fields!, 'region'), operation.journey.regions);
    if (region === 'ok') return undefined;
    return {
      outcome: region,
      source: 'check',
      detail: `region ${describeValue(field(fields!, 'region'))} is not an accepted ISO 3166-1 alpha-3 code`,
    };
  },
};

/** Generate Face Authentication URL: checks the fields and the vendor's URL rules, then opens an authentication. */
export const generateUrlOperation = createOperation(
  stagedOperation<GenerateUrlContext>({
    path: generateUrlPath,
    operationId: 'generateFaceAuthenticationUrl',
    catalog: generateUrlOutcomes,
    pricing: false,
    preferable: journeyPreferable(generateUrlOutcomes),
    stages: [...sharedStages, tokenStage, fieldsStage, urlsStage, regionStage],
    facts: journeyFacts,
    async succeed(context) {
      const { operation, http } = context;
      const fields = context.fields!;
      const get = (key: string) => field(fields, key) as string;
      const signatureId = operation.journey.random.transactionId();
      const url = `${await operation.journey.linkBase(operation.journey.originOf(http))}/h5/${signatureId}`;
      await operation.authentications.add({
        signatureId,
        userId: get('userId'),
        region: get('region'),
        // The redirects lose their userinfo (they are answered to the browser and shown); callbackUrl keeps it, as
        // the one field the callback sends it from (Basic credentials), never shown (docs/vendor-api.md#kit-choices-for-the-journey).
        returnUrl: withoutUserinfo(get('returnUrl')),
        failReturnUrl: withoutUserinfo(get('failReturnUrl')),
        callbackUrl: get('callbackUrl'),
        // As sent, but bounded (keptValue: texts cut at 2,048 characters, 64 fields, no URL userinfo): an 8 MB
        // extra field times the 10,000 authentications kept would otherwise be 80 GB (docs/reliability.md).
        inputParameters: keptValue(fields) as Record<string, unknown>,
        url,
        createdAt: operation.now().toISOString(),
        result: null,
      });
      return {
        outcome: 'SUCCESS',
        source: 'check',
        data: { url, signatureId },
        detail: `authentication ${signatureId} for ${get('userId')}`,
      };
    },
  }),
);
