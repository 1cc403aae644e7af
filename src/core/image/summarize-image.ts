import { decodeBase64 } from './decode-base64.js';
import { inspectImage, sniffFormat } from './inspect-image.js';
import { sha256Hex } from '../crypto/sha256-hex.js';

/** What a report or a HAR keeps of an image instead of its bytes (biometric data is never written). */
export interface ImageSummary {
  kind: 'base64';
  bytes: number;
  format: string;
  width?: number;
  height?: number;
  sha256: string;
}

/** Shorter texts are never taken for an image: a 64-character base64 text is 48 bytes, no real photo. */
const MIN_IMAGE_TEXT = 64;

/**
 * A base64 text that holds an image (a JPEG or PNG signature) as its summary: size, format, dimensions when
 * readable, SHA-256 (so it can be matched with a rule on faceImageSha256). Null for any other value.
 */
export async function summarizeImage(value: unknown): Promise<ImageSummary | null> {
  if (typeof value !== 'string' || value.length < MIN_IMAGE_TEXT) return null;
  const bytes = decodeBase64(value);
  const format = bytes && sniffFormat(bytes);
  if (!bytes || !format) return null;
  const inspection = inspectImage(bytes);
  return {
    kind: 'base64',
    bytes: bytes.byteLength,
    format,
    ...(inspection.ok ? { width: inspection.width, height: inspection.height } : {}),
    sha256: await sha256Hex(bytes),
  };
}
