import { USER_ID_PATTERN } from '../../core/check-fields.js';
import { getEnrollOutcomes, getEnrollPath } from '../../generated/outcomes.js';
import { journeyOperation, userIdOf } from './journey-operation.js';

/** Get Enroll: the user's faces as URLs the mock serves itself, expiring (docs/vendor-api.md#kit-choices-for-the-journey). */
export const getEnrollOperation = journeyOperation({
  path: getEnrollPath,
  catalog: getEnrollOutcomes,
  pricing: true,
  async decide({ body, request }, context) {
    const checked = userIdOf(body, USER_ID_PATTERN);
    if (!('userId' in checked)) return checked;
    const origin = context.journey.originOf(request);
    // A face enrolled by a forced SUCCESS without a readable image has no bytes: listing it would hand out a dead link.
    const faces = (await context.store.faces(checked.userId)).filter((face) => face.imageSha256 !== null);
    const imageUrlList = await Promise.all(faces.map((face) => context.journey.faceUrl(origin, face.transactionId)));
    return { outcome: 'SUCCESS', data: { userId: checked.userId, imageUrlList }, detail: `${faces.length} face(s) of ${checked.userId}` };
  },
});
