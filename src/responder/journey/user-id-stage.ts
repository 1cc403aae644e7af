import { USER_ID_PATTERN } from '../../core/fields/check-fields.js';
import { objectBody } from '../../core/stages/object-body.js';
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
    const read = objectBody(context.request);
    if ('refused' in read) return read.refused;
    const { body } = read;
    const userId = Object.hasOwn(body, 'userId') ? body.userId : undefined;
    if (typeof userId !== 'string' || userId.trim() === '')
      return { outcome: 'PARAMETER_ERROR', source: 'check', detail: 'userId is missing or not a string' };
    if (!USER_ID_PATTERN.test(userId))
      return { outcome: 'PARAMETER_ERROR_USER_ID_INVALID', source: 'check', detail: 'userId must be 1-64 of A-Z a-z 0-9 _ - . @ :' };
    context.userId = userId;
    return undefined;
  },
};
