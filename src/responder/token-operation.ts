import type { AccessKeyPair, TokenFields, TokenProblem } from '../core/token/create-token-core.js';
import { isPlainObject } from '../core/http/is-plain-object.js';
import { keptText } from '../core/text/kept-text.js';
import { sharedStages } from '../core/stages/shared-stages.js';
import { createRulesStage } from '../core/stages/rules-stage.js';
import type { Stage, Verdict } from '../core/stages/stage.js';
import { tokenOutcomeNames, tokenOutcomes, tokenPath } from '../generated/outcomes.js';
import { createOperation } from './create-operation.js';
import { stagedOperation, type OperationStageContext } from './staged-operation.js';

interface TokenContext extends OperationStageContext {
  fields?: TokenFields;
  stamp?: string;
  pair?: AccessKeyPair;
}

const refused = (problem: TokenProblem): Verdict => ({ outcome: problem.outcome, source: 'check', detail: problem.detail });

/** The rules naming `operation: generateToken`: they match the body's accessKey (never the secret) and the headers. */
const rulesStage = createRulesStage<TokenContext>('generateToken', ({ request: { body, headers } }) => ({
  accessKey: isPlainObject(body) && Object.hasOwn(body, 'accessKey') ? body.accessKey : undefined,
  headers,
}));

/** The body is a JSON object with accessKey, timestamp and signature (CLIENT_ERROR, PARAMETER_ERROR_EMPTY). */
const fieldsStage: Stage<TokenContext> = {
  name: 'fields',
  run(context) {
    const { parseFailed, parseDetail, body } = context.request;
    if (parseFailed) return { outcome: 'CLIENT_ERROR', source: 'check', detail: parseDetail ?? 'the body is not JSON' };
    const fields = context.operation.tokens.checks.fields(body);
    if ('outcome' in fields) return refused(fields);
    context.fields = fields;
    return undefined;
  },
};

/** 13 digits within 300 s of the mock's clock. */
const timestampStage: Stage<TokenContext> = {
  name: 'timestamp',
  run(context) {
    const time = context.operation.tokens.checks.timestamp(context.fields!);
    if ('outcome' in time) return refused(time);
    context.stamp = time.stamp;
    return undefined;
  },
};

/** A known accessKey and sha256(accessKey + secretKey + timestamp). */
const signatureStage: Stage<TokenContext> = {
  name: 'signature',
  async run(context) {
    const signed = await context.operation.tokens.checks.signature(context.fields!, context.stamp!);
    if ('outcome' in signed) return refused(signed);
    context.pair = signed.pair;
    return undefined;
  },
};

/** The account of the key pair is not disabled. */
const accountStage: Stage<TokenContext> = {
  name: 'account',
  run(context) {
    const disabled = context.operation.tokens.checks.account(context.pair!);
    return disabled ? refused(disabled) : undefined;
  },
};

/**
 * Token Authentication (docs/vendor-api.md#token-authentication-api): an operation like the others (Prefer,
 * faults, the rate limit, its own fixture rules, the journal, coverage). No token check: this is where a token
 * comes from. The journal keeps the accessKey, never the signature or the token.
 */
export const tokenOperation = createOperation(
  stagedOperation<TokenContext>({
    path: tokenPath,
    operationId: 'generateToken',
    catalog: tokenOutcomes,
    pricing: false,
    preferable: tokenOutcomeNames,
    stages: [...sharedStages, rulesStage, fieldsStage, timestampStage, signatureStage, accountStage],
    facts: (body) => (isPlainObject(body) && typeof body.accessKey === 'string' ? { accessKey: keptText(body.accessKey, 128) } : {}),
    async succeed(context) {
      const { period, note } = context.operation.tokens.checks.period(context.fields!);
      const issued = await context.operation.tokens.issue(context.pair!, period);
      const { data } = issued;
      const detail = note ? `${issued.detail} (${note})` : issued.detail;
      return { outcome: 'SUCCESS', source: 'check', data, detail };
    },
    // A forced SUCCESS is a real token for the first key pair, valid an hour, so it verifies like any other.
    async forced(verdict, context) {
      const { data, detail } = await context.operation.tokens.issue(context.operation.tokens.firstPair, 3600);
      return { ...verdict, data, detail: `${verdict.detail}: ${detail}` };
    },
  }),
);
