import { sharedStages } from '../../core/stages/shared-stages.js';
import { tokenStage } from '../../core/stages/token-stage.js';
import { deleteEnrollOutcomes, deleteEnrollPath } from '../../generated/outcomes.js';
import { createOperation } from '../create-operation.js';
import { stagedOperation } from '../staged-operation.js';
import { journeyFacts, journeyPreferable } from './journey-facts.js';
import { userIdStage, type UserIdContext } from './user-id-stage.js';

/** Delete Enroll: the user, its faces and their image bytes are gone; an unknown user is a SUCCESS too. */
export const deleteEnrollOperation = createOperation(
  stagedOperation<UserIdContext>({
    path: deleteEnrollPath,
    operationId: 'deleteEnroll',
    catalog: deleteEnrollOutcomes,
    pricing: true,
    preferable: journeyPreferable(deleteEnrollOutcomes),
    stages: [...sharedStages, tokenStage, userIdStage],
    facts: journeyFacts,
    async succeed(context) {
      const userId = context.userId!;
      // After the delay, as enroll stores after its delay.
      context.commit = async () => `deleted ${userId} and ${await context.operation.store.remove(userId)} face(s)`;
      return { outcome: 'SUCCESS', source: 'check', detail: `deleting ${userId}` };
    },
  }),
);
