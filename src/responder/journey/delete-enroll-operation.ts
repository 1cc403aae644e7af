import { USER_ID_PATTERN } from '../../core/check-fields.js';
import { deleteEnrollOutcomes, deleteEnrollPath } from '../../generated/outcomes.js';
import { journeyOperation, userIdOf } from './journey-operation.js';

/** Delete Enroll: the user, its faces and their image bytes are gone; an unknown user is a SUCCESS too. */
export const deleteEnrollOperation = journeyOperation({
  path: deleteEnrollPath,
  catalog: deleteEnrollOutcomes,
  pricing: true,
  async decide({ body }, context) {
    const checked = userIdOf(body, USER_ID_PATTERN);
    if (!('userId' in checked)) return checked;
    const removed = await context.store.remove(checked.userId);
    return { outcome: 'SUCCESS', detail: `deleted ${checked.userId} and ${removed} face(s)` };
  },
});
