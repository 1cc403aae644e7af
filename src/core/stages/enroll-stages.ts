import { contentTypeStage } from './content-type-stage.js';
import { faultStage } from './fault-stage.js';
import { fieldsStage } from './fields-stage.js';
import { forceStage } from './force-stage.js';
import { imageStage } from './image-stage.js';
import { preferStage } from './prefer-stage.js';
import { qualityStage } from './quality-stage.js';
import { rateLimitStage } from './rate-limit-stage.js';
import { rulesStage } from './rules-stage.js';
import type { EnrollContext, Stage } from './stage.js';
import { issuedTokenFirst, tokenStage } from './token-stage.js';

/**
 * The enroll decision, in order: the first stage with a verdict decides. This list is the check order; the
 * spec's `x-checks-order` documents it and test/spec/checks-order.test.ts holds the two to each other.
 */
export const enrollStages: readonly Stage<EnrollContext>[] = [
  forceStage,
  preferStage,
  faultStage,
  rateLimitStage,
  rulesStage,
  tokenStage,
  contentTypeStage,
  fieldsStage,
  imageStage,
  qualityStage,
];

/**
 * When only issued tokens are accepted (`token: 'issued'`, --token issued), the token comes right after the
 * caller's force: an exposed server must not let `Prefer` or a rule stand in for a credential.
 */
export const issuedTokenStages: readonly Stage<EnrollContext>[] = issuedTokenFirst(enrollStages, 'issued');

export function stagesFor(token: 'off' | 'any' | 'issued'): readonly Stage<EnrollContext>[] {
  return token === 'issued' ? issuedTokenStages : enrollStages;
}
