import { isPlainObject } from '../http/is-plain-object.js';
import { lazyStringBytes } from '../text/lazy-string.js';
import type { FaceImageKind } from '../rules/parse-rules.js';

const URL_START = /^https?:\/\//i;

/** What kind of value `faceImage` is, before anything is decoded or downloaded. */
export function classifyFaceImage(body: unknown): FaceImageKind {
  if (!isPlainObject(body) || !Object.hasOwn(body, 'faceImage')) return 'missing';
  // A long text the adapter kept as bytes (lazy-string.ts) is classified from them, without making its string.
  const bytes = lazyStringBytes(body, 'faceImage');
  if (bytes) return classifyAscii(bytes);
  const value = body.faceImage;
  if (value === null) return 'null';
  if (typeof value !== 'string') return 'other';
  if (value.trim() === '') return 'empty';
  return URL_START.test(value) ? 'url' : 'base64';
}

/** The same answer for ASCII bytes: blank when every byte is white space, else by its first characters. */
function classifyAscii(bytes: Uint8Array): FaceImageKind {
  let at = 0;
  // ASCII white space as String.prototype.trim sees it: tab, line feed, vertical tab, form feed, carriage return, space.
  while (at < bytes.length && (bytes[at] === 0x20 || (bytes[at]! >= 0x09 && bytes[at]! <= 0x0d))) at++;
  if (at === bytes.length) return 'empty';
  let head = '';
  for (let i = 0; i < Math.min(8, bytes.length); i++) head += String.fromCharCode(bytes[i]!);
  return URL_START.test(head) ? 'url' : 'base64';
}
