import { keptText } from '../../core/text/kept-text.js';
import { sharedStages } from '../../core/stages/shared-stages.js';
import { objectBody } from '../../core/stages/object-body.js';
import type { Stage } from '../../core/stages/stage.js';
import { tokenStage } from '../../core/stages/token-stage.js';
import { getResultOutcomes, getResultPath } from '../../generated/outcomes.js';
import type { Authentication } from '../../state/authentication-store.js';
import { createOperation } from '../create-operation.js';
import { stagedOperation, type OperationStageContext } from '../staged-operation.js';
import { journeyFacts, journeyPreferable } from './journey-facts.js';

interface GetResultContext extends OperationStageContext {
  signatureId?: string;
  authentication?: Authentication;
}

/** The body: a JSON object with a signatureId string. */
const fieldsStage: Stage<GetResultContext> = {
  name: 'fields',
  run(context) {
    const read = objectBody(context.request);
    if ('refused' in read) return read.refused;
    const { body } = read;
    const signatureId = Object.hasOwn(body, 'signatureId') ? body.signatureId : undefined;
    if (signatureId === undefined || signatureId === null || (typeof signatureId === 'string' && signatureId.trim() === ''))
      return { outcome: 'PARAMETER_ERROR_EMPTY', source: 'check', detail: 'signatureId is missing or empty' };
    if (typeof signatureId !== 'string') return { outcome: 'PARAMETER_ERROR', source: 'check', detail: 'signatureId must be a string' };
    context.signatureId = signatureId;
    return undefined;
  },
};

/** The signatureId names an authentication Generate URL opened (SIGNATURE_NOT_EXIST otherwise). */
const signatureStage: Stage<GetResultContext> = {
  name: 'signature',
  async run(context) {
    const authentication = await context.operation.authentications.get(context.signatureId!);
    if (!authentication)
      return { outcome: 'SIGNATURE_NOT_EXIST', source: 'check', detail: `no authentication ${keptText(context.signatureId!, 64)}` };
    context.authentication = authentication;
    context.journalUserId = authentication.userId;
    return undefined;
  },
};

/** Get Result: an issued signatureId's result (INCOMPLETE until the user finishes); SIGNATURE_NOT_EXIST otherwise. */
export const getResultOperation = createOperation(
  stagedOperation<GetResultContext>({
    path: getResultPath,
    operationId: 'getResult',
    catalog: getResultOutcomes,
    pricing: false,
    preferable: journeyPreferable(getResultOutcomes),
    stages: [...sharedStages, tokenStage, fieldsStage, signatureStage],
    facts: journeyFacts,
    async succeed({ signatureId, authentication }) {
      const result = authentication!.result;
      const overallResult = result?.overallResult ?? 'INCOMPLETE';
      return {
        outcome: `SUCCESS_${overallResult}`,
        source: 'check',
        data: {
          signatureId,
          overallResult,
          errorCode: result?.errorCode ?? null,
          faceDetail: result?.faceDetail ?? null,
          countryCodeIso3: authentication!.region,
          inputParameters: authentication!.inputParameters,
        },
        detail: result ? `${overallResult} (${result.errorCode})` : 'not finished yet',
      };
    },
  }),
);
