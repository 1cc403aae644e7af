import { decodeBase64, decodeBase64Ascii } from '../image/decode-base64.js';
import { isPlainObject } from '../http/is-plain-object.js';
import { lazyStringBytes } from '../text/lazy-string.js';

/**
 * The body's base64 faceImage decoded, and its bytes hashed, at most once a request: a rule on faceImageSha256,
 * the image stage, the stored face's digest and a forced SUCCESS's picture all ask for them, and on a 2 MB image
 * the decode and the SHA-256 are the costliest work of a request (docs/benchmarks.md).
 */
export interface FaceImageBytes {
  /** The body's faceImage decoded, on the first call; null when it is not a strict base64 text. */
  decoded(): Uint8Array | null;
  /** SHA-256 of these bytes as lower-case hex, computed on the first call for them (the same array). */
  digest(bytes: Uint8Array): Promise<string>;
}

/** What the memo needs of a stage context (typed here, so this file and stage.ts do not import each other). */
interface MemoHolder {
  faceImageBytes?: FaceImageBytes;
  request: { body: unknown };
  settings: { digest: (bytes: Uint8Array) => string | Promise<string> };
}

/** The request's memo, made on the context by whichever stage asks first (nothing is made for a request that never asks). */
export function faceImageBytes(context: MemoHolder): FaceImageBytes {
  return (context.faceImageBytes ??= createFaceImageBytes(context.request.body, context.settings.digest));
}

function createFaceImageBytes(body: unknown, hash: (bytes: Uint8Array) => string | Promise<string>): FaceImageBytes {
  let decodedBytes: Uint8Array | null | undefined;
  let hashedBytes: Uint8Array | undefined;
  let hashed: Promise<string> | undefined;
  return {
    decoded() {
      if (decodedBytes === undefined) {
        // A text the server kept as its bytes is decoded from them, never made into one string (lazy-string.ts).
        const ascii = lazyStringBytes(body, 'faceImage');
        if (ascii) decodedBytes = decodeBase64Ascii(ascii);
        else {
          const text = isPlainObject(body) && Object.hasOwn(body, 'faceImage') ? body.faceImage : undefined;
          decodedBytes = typeof text === 'string' ? decodeBase64(text) : null;
        }
      }
      return decodedBytes;
    },
    digest(bytes) {
      if (bytes !== hashedBytes || !hashed) {
        hashed = Promise.resolve(hash(bytes));
        hashedBytes = bytes;
      }
      return hashed;
    },
  };
}
