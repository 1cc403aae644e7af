import { userIdPattern } from '../../generated/request-rules.js';
import { isPlainObject } from '../http/is-plain-object.js';
import { checkRegion } from './regions.js';
import type { OutcomeName } from '../envelope/outcome-catalog.js';
import { describeValue } from '../text/describe-value.js';
import { classifyFaceImage } from '../image/classify-face-image.js';

/** The fields that passed; faceImage is left in the body, whose image stage reads it by its kind (a URL or base64). */
export interface EnrollFields {
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
  // faceImage by its kind, so a long text is never made into a string here (lazy-string.ts); only a value of
  // another type is read, to name its type.
  const kind = classifyFaceImage(body);
  const other = kind === 'other' ? get('faceImage') : undefined;
  const userId = get('userId');
  const region = get('region');
  for (const [name, missing] of [
    ['faceImage', kind === 'missing' || (kind === 'other' && other === undefined)],
    ['userId', blank(userId)],
    ['region', blank(region)],
  ] as const) {
    if (missing) return { ok: false, outcome: 'PARAMETER_ERROR_EMPTY', detail: `${name} is missing or empty` };
  }
  if (kind === 'null') return { ok: false, outcome: 'PARAMETER_ERROR_IMAGE_NULL', detail: 'faceImage is null' };
  if (kind === 'other') return { ok: false, outcome: 'PARAMETER_ERROR', detail: `faceImage is a ${typeof other}, not a string` };
  if (kind === 'empty') return { ok: false, outcome: 'PARAMETER_ERROR_FACE_IMAGE_EMPTY', detail: 'faceImage is empty' };
  if (typeof userId !== 'string' || !USER_ID_PATTERN.test(userId)) {
    return { ok: false, outcome: 'PARAMETER_ERROR_USER_ID_INVALID', detail: 'userId must be 1-64 of A-Z a-z 0-9 _ - . @ :' };
  }
  const region_ = checkRegion(region, supportedRegions);
  if (region_ !== 'ok') {
    return { ok: false, outcome: region_, detail: `region ${describeValue(region)} is not an accepted ISO 3166-1 alpha-3 code` };
  }
  return { ok: true, fields: { userId, region: region as string } };
}
