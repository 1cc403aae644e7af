import { getResultOutcomes, getResultPath } from '../../generated/outcomes.js';
import { journeyOperation } from './journey-operation.js';
import { keptText } from '../../core/kept-text.js';

/** Get Result: an issued signatureId's result (INCOMPLETE until the user finishes); SIGNATURE_NOT_EXIST otherwise. */
export const getResultOperation = journeyOperation({
  path: getResultPath,
  catalog: getResultOutcomes,
  pricing: false,
  async decide({ body }, context) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return { outcome: 'PARAMETER_ERROR', detail: 'the body is not a JSON object' };
    const signatureId = Object.hasOwn(body, 'signatureId') ? (body as { signatureId: unknown }).signatureId : undefined;
    if (signatureId === undefined || signatureId === null || (typeof signatureId === 'string' && signatureId.trim() === '')) {
      return { outcome: 'PARAMETER_ERROR_EMPTY', detail: 'signatureId is missing or empty' };
    }
    if (typeof signatureId !== 'string') return { outcome: 'PARAMETER_ERROR', detail: 'signatureId must be a string' };
    const authentication = await context.authentications.get(signatureId);
    if (!authentication) return { outcome: 'SIGNATURE_NOT_EXIST', detail: `no authentication ${keptText(signatureId, 64)}` };
    const result = authentication.result;
    const overallResult = result?.overallResult ?? 'INCOMPLETE';
    return {
      outcome: `SUCCESS_${overallResult}`,
      data: {
        signatureId,
        overallResult,
        errorCode: result?.errorCode ?? null,
        faceDetail: result?.faceDetail ?? null,
        countryCodeIso3: authentication.region,
        inputParameters: authentication.inputParameters,
      },
      detail: result ? `${overallResult} (${result.errorCode})` : 'not finished yet',
      journalUserId: authentication.userId,
    };
  },
});
