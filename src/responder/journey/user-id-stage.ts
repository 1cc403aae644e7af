import { USER_ID_PATTERN } from '../../core/fields/check-fields.js';
import { isPlainObject } from '../../core/http/is-plain-object.js';
import type { Stage } from '../../core/stages/stage.js';
import type { OperationStageContext } from '../staged-operation.js';

/** Get Enroll's and Delete Enroll's context: the user the fields stage read. */
export interface UserIdContext extends OperationStageContext {
  userId?: string;
}

/** The fields of Get Enroll and Delete Enroll: a JSON object with a valid userId (PARAMETER_ERROR, UserId is invalid). */
export const userIdStage: Stage<UserIdContext> = {
  name: 'fields',
  run(context) {
    const { body, parseFailed, parseDetail } = context.request;
    if (parseFailed) return { outcome: 'PARAMETER_ERROR', source: 'check', detail: parseDetail ?? 'the body is not JSON' };
    if (!isPlainObject(body)) return { outcome: 'PARAMETER_ERROR', source: 'check', detail: 'the body is not a JSON object' };
    const userId = Object.hasOwn(body, 'userId') ? body.userId : undefined;
    if (typeof userId !== 'string' || userId.trim() === '')
      return { outcome: 'PARAMETER_ERROR', source: 'check', detail: 'userId is missing or not a string' };
    if (!USER_ID_PATTERN.test(userId))
      return { outcome: 'PARAMETER_ERROR_USER_ID_INVALID', source: 'check', detail: 'userId must be 1-64 of A-Z a-z 0-9 _ - . @ :' };
    context.userId = userId;
    return undefined;
  },
};
