import { checkFields } from '../fields/check-fields.js';
import type { EnrollContext, Stage } from './stage.js';

/** Body shape and fields: presence, faceImage null/empty/type, userId, region (check-fields.ts). */
export const fieldsStage: Stage<EnrollContext> = {
  name: 'fields',
  run(context) {
    const fields = checkFields(context.request.body, context.settings.regions);
    if (!fields.ok) return { outcome: fields.outcome, source: 'check', detail: fields.detail };
    context.fields = fields.fields;
    return undefined;
  },
};
