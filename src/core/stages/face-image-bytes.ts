import { decodeBase64 } from '../image/decode-base64.js';

/**
 * The body's base64 faceImage decoded, and its bytes hashed, at most once a request: a rule on faceImageSha256,
 * the image stage, the stored face's digest and a forced SUCCESS's picture all ask for them, and on a 2 MB image
 * the decode and the SHA-256 are the costliest work of a request (docs/benchmarks.md).
 */
export interface FaceImageBytes {
  /** The text's bytes, decoded on the first call for this text; null when it is not strict base64. */
  decoded(text: string): Uint8Array | null;
  /** SHA-256 of these bytes as lower-case hex, computed on the first call for them (the same array). */
  digest(bytes: Uint8Array): Promise<string>;
}

/** The request's memo, made on the context by whichever stage asks first (nothing is made for a request that never asks). */
/** What the memo needs of a stage context (typed here, so this file and stage.ts do not import each other). */
interface MemoHolder {
  faceImageBytes?: FaceImageBytes;
  settings: { digest: (bytes: Uint8Array) => string | Promise<string> };
}

export function faceImageBytes(context: MemoHolder): FaceImageBytes {
  return (context.faceImageBytes ??= createFaceImageBytes(context.settings.digest));
}

function createFaceImageBytes(hash: (bytes: Uint8Array) => string | Promise<string>): FaceImageBytes {
  let decodedText: string | undefined;
  let decodedBytes: Uint8Array | null = null;
  let hashedBytes: Uint8Array | undefined;
  let hashed: Promise<string> | undefined;
  return {
    decoded(text) {
      if (text !== decodedText) {
        decodedBytes = decodeBase64(text);
        decodedText = text;
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
