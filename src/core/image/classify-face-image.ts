import { isPlainObject } from '../http/is-plain-object.js';
import type { FaceImageKind } from '../rules/parse-rules.js';

/** What kind of value `faceImage` is, before anything is decoded or downloaded. */
export function classifyFaceImage(body: unknown): FaceImageKind {
  if (!isPlainObject(body) || !Object.hasOwn(body, 'faceImage')) return 'missing';
  const value = body.faceImage;
  if (value === null) return 'null';
  if (typeof value !== 'string') return 'other';
  if (value.trim() === '') return 'empty';
  return /^https?:\/\//i.test(value) ? 'url' : 'base64';
}
