import { imageSize } from 'image-size';

export type ImageFormat = 'jpeg' | 'png';

export type ImageInspection =
  { ok: true; format: ImageFormat; width: number; height: number } | { ok: false; problem: 'format' | 'corrupt'; detail: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format by the file's own first bytes, whatever type the sender claimed. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  return null;
}

/**
 * Format, integrity and dimensions, from the file's structure only: no pixel is decoded, so the cost is a
 * walk over chunk/segment headers whatever the declared size (a header claiming 100000x100000 costs nothing).
 */
export function inspectImage(bytes: Uint8Array): ImageInspection {
  const format = sniffFormat(bytes);
  if (!format) return { ok: false, problem: 'format', detail: 'the bytes are neither JPEG nor PNG' };
  const broken = format === 'png' ? pngProblem(bytes) : jpegProblem(bytes);
  if (broken) return { ok: false, problem: 'corrupt', detail: broken };
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch (error) {
    return { ok: false, problem: 'corrupt', detail: `unreadable ${format} header: ${(error as Error).message}` };
  }
  if (!size.width || !size.height) return { ok: false, problem: 'corrupt', detail: `${format} header has no dimensions` };
  return { ok: true, format, width: size.width, height: size.height };
}

/** A PNG must be a chain of chunks, IHDR first with a good CRC, ending with IEND at the end of the file. */
function pngProblem(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let first = true;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) return `png chunk ${type} runs past the end of the file (truncated)`;
    if (first) {
      if (type !== 'IHDR' || length !== 13) return 'png does not start with an IHDR chunk';
      if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) {
        return 'png IHDR chunk has a bad CRC';
      }
      first = false;
    }
    if (type === 'IEND') return null;
    offset = end;
  }
  return 'png has no IEND chunk (truncated)';
}

/** A JPEG must have a frame header and end with the EOI marker (FF D9); cameras may pad a little after it. */
function jpegProblem(bytes: Uint8Array): string | null {
  const tailStart = Math.max(2, bytes.length - 64);
  let hasEoi = false;
  for (let i = bytes.length - 2; i >= tailStart; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) {
      hasEoi = true;
      break;
    }
  }
  return hasEoi ? null : 'jpeg has no end-of-image marker (truncated)';
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
