import { userIdPattern } from '../../generated/request-rules.js';
import { isPlainObject } from '../http/is-plain-object.js';
import { checkRegion } from './regions.js';
import type { OutcomeName } from '../envelope/outcome-catalog.js';
import { describeValue } from '../text/describe-value.js';

export interface EnrollFields {
  faceImage: string;
  userId: string;
  region: string;
}

/** userId: 1 to 64 of letters, digits and `_ - . @ :` (the spec's components.schemas.UserId; the vendor publishes none). */
export const USER_ID_PATTERN = userIdPattern;

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The parameter checks, in the spec's documented order (x-checks-order): body shape, presence, faceImage
 * null/empty/type, userId, region. Own properties only, so `__proto__` in a body cannot stand in for a field.
 */
export function checkFields(
  body: unknown,
  supportedRegions?: ReadonlySet<string>,
): { ok: true; fields: EnrollFields } | { ok: false; outcome: OutcomeName; detail: string } {
  if (!isPlainObject(body)) return { ok: false, outcome: 'PARAMETER_ERROR', detail: 'the body is not a JSON object' };
  const get = (key: string) => (Object.hasOwn(body, key) ? body[key] : undefined);
  const faceImage = get('faceImage');
  const userId = get('userId');
  const region = get('region');
  for (const [name, value] of [
    ['faceImage', faceImage],
    ['userId', userId],
    ['region', region],
  ] as const) {
    if (name === 'faceImage' ? value === undefined : blank(value)) {
      return { ok: false, outcome: 'PARAMETER_ERROR_EMPTY', detail: `${name} is missing or empty` };
    }
  }
  if (faceImage === null) return { ok: false, outcome: 'PARAMETER_ERROR_IMAGE_NULL', detail: 'faceImage is null' };
  if (typeof faceImage !== 'string') {
    return { ok: false, outcome: 'PARAMETER_ERROR', detail: `faceImage is a ${typeof faceImage}, not a string` };
  }
  if (faceImage.trim() === '') return { ok: false, outcome: 'PARAMETER_ERROR_FACE_IMAGE_EMPTY', detail: 'faceImage is empty' };
  if (typeof userId !== 'string' || !USER_ID_PATTERN.test(userId)) {
    return { ok: false, outcome: 'PARAMETER_ERROR_USER_ID_INVALID', detail: 'userId must be 1-64 of A-Z a-z 0-9 _ - . @ :' };
  }
  const region_ = checkRegion(region, supportedRegions);
  if (region_ !== 'ok') {
    return { ok: false, outcome: region_, detail: `region ${describeValue(region)} is not an accepted ISO 3166-1 alpha-3 code` };
  }
  return { ok: true, fields: { faceImage, userId, region: region as string } };
}
