import { sharedStages } from '../../core/stages/shared-stages.js';
import { tokenStage } from '../../core/stages/token-stage.js';
import { getEnrollOutcomes, getEnrollPath } from '../../generated/outcomes.js';
import { createOperation } from '../create-operation.js';
import { stagedOperation } from '../staged-operation.js';
import { journeyFacts, journeyPreferable } from './journey-facts.js';
import { userIdStage, type UserIdContext } from './user-id-stage.js';

/** Get Enroll: the user's faces as URLs the mock serves itself, expiring (docs/vendor-api.md#kit-choices-for-the-journey). */
export const getEnrollOperation = createOperation(
  stagedOperation<UserIdContext>({
    path: getEnrollPath,
    operationId: 'getEnroll',
    catalog: getEnrollOutcomes,
    pricing: true,
    preferable: journeyPreferable(getEnrollOutcomes),
    stages: [...sharedStages, tokenStage, userIdStage],
    facts: journeyFacts,
    async succeed({ userId, operation, http }) {
      const origin = operation.journey.originOf(http);
      // A face enrolled by a forced SUCCESS without a readable image has no bytes: listing it would hand out a dead link.
      const faces = (await operation.store.faces(userId!)).filter((face) => face.imageSha256 !== null);
      const imageUrlList = await Promise.all(faces.map((face) => operation.journey.faceUrl(origin, face.transactionId)));
      return { outcome: 'SUCCESS', source: 'check', data: { userId, imageUrlList }, detail: `${faces.length} face(s) of ${userId}` };
    },
  }),
);
