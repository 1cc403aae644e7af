import { decodeBase64 } from './decode-base64.js';
import { downloadImage, type DownloadOptions } from './download-image.js';
import { inspectImage, type ImageFormat } from './inspect-image.js';
import type { OutcomeName } from '../envelope/outcome-catalog.js';

/** "max image size should be less than 2M": 2 MB and over is refused. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024 - 1;
export const MIN_SIDE = 256;
export const MAX_SIDE = 4096;

export interface ImageCheckOptions {
  download?: DownloadOptions;
  /** The quality stage's threshold (assess-quality.ts). */
  minBytesPerPixel?: number;
}

export interface CheckedImage {
  bytes: Uint8Array;
  format: ImageFormat;
  width: number;
  height: number;
}

export type ImageCheckResult = { ok: true; image: CheckedImage } | { ok: false; outcome: OutcomeName; detail: string };

/**
 * The image checks, in the spec's order: source (download or base64), length zero, size, format, integrity,
 * dimensions. Quality is a stage of its own (stages/quality-stage.ts). `faceImage` is an http(s) URL or a base64
 * text, or the bytes a base64 text was already decoded to (null: it was not strict base64), so a request whose
 * rule hashed the image does not decode it twice.
 */
export async function checkImage(
  faceImage: string | Uint8Array | null,
  options: ImageCheckOptions = {},
  signal?: AbortSignal,
): Promise<ImageCheckResult> {
  let bytes: Uint8Array;
  if (typeof faceImage === 'string' && /^https?:\/\//i.test(faceImage)) {
    const downloaded = await downloadImage(faceImage, MAX_IMAGE_BYTES, signal ? { ...options.download, signal } : options.download);
    if (!downloaded.ok) {
      const outcome: OutcomeName =
        downloaded.reason === 'too-large'
          ? 'PARAMETER_ERROR_INVALID_IMAGE_SIZE'
          : downloaded.reason === 'content-type'
            ? 'PARAMETER_ERROR_INVALID_IMAGE_FORMAT'
            : 'PARAMETER_ERROR_CANNOT_DOWNLOAD';
      return { ok: false, outcome, detail: downloaded.detail };
    }
    bytes = downloaded.bytes;
  } else {
    const decoded = typeof faceImage === 'string' ? decodeBase64(faceImage) : faceImage;
    if (!decoded)
      return { ok: false, outcome: 'PARAMETER_ERROR_CANNOT_DECODE', detail: 'faceImage is neither an http(s) URL nor strict base64' };
    bytes = decoded;
  }
  if (bytes.length === 0) return { ok: false, outcome: 'PARAMETER_ERROR_FILE_LENGTH_ZERO', detail: 'the image has zero bytes' };
  if (bytes.length > MAX_IMAGE_BYTES) {
    return { ok: false, outcome: 'PARAMETER_ERROR_INVALID_IMAGE_SIZE', detail: `the image is ${bytes.length} bytes, 2 MB or more` };
  }
  const inspection = inspectImage(bytes);
  if (!inspection.ok) {
    const outcome = inspection.problem === 'format' ? 'PARAMETER_ERROR_INVALID_IMAGE_FORMAT' : 'PARAMETER_ERROR_CANNOT_DECODE';
    return { ok: false, outcome, detail: inspection.detail };
  }
  const { format, width, height } = inspection;
  if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
    return { ok: false, outcome: 'PARAMETER_ERROR_INVALID_IMAGE_SIZE', detail: `the image is ${width}x${height}, outside 256..4096` };
  }
  return { ok: true, image: { bytes, format, width, height } };
}
