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
 * The dimensions come from the same walk (PNG's IHDR, the JPEG frame header), as image-size read them.
 */
export function inspectImage(bytes: Uint8Array): ImageInspection {
  const format = sniffFormat(bytes);
  if (!format) return { ok: false, problem: 'format', detail: 'the bytes are neither JPEG nor PNG' };
  const read = format === 'png' ? readPng(bytes) : readJpeg(bytes);
  if (typeof read === 'string') return { ok: false, problem: 'corrupt', detail: read };
  if (!read.width || !read.height) return { ok: false, problem: 'corrupt', detail: `${format} header has no dimensions` };
  return { ok: true, format, width: read.width, height: read.height };
}

/** What a walk over a file's structure found: its dimensions, or what is wrong with it. */
type Structure = { width: number; height: number } | string;

/**
 * A PNG must be a chain of chunks: IHDR first, one run of IDAT chunks, IEND at the end of the file, and a good
 * CRC on every critical chunk (libpng refuses a bad one; ancillary chunks are let through, as libpng does).
 * The image data must open as a zlib stream: header, no preset dictionary, and a first deflate block that is
 * not of the reserved type (a stored block's length must match its complement). Inflating it would be a
 * pixel decode; this catches data that is not zlib at all (2 MB of zeros). The structure is checked first,
 * the CRCs (a pass over every byte, a few ms for 2 MB) only when the structure holds.
 */
function readPng(bytes: Uint8Array): Structure {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let idatChunks = 0;
  let idatRunEnded = false;
  const stream: number[] = []; // the first bytes of the zlib stream, which may span IDAT chunks
  const critical: number[] = []; // offsets of the critical chunks, whose CRCs are checked last (the costly part)
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) return `png chunk ${type} runs past the end of the file (truncated)`;
    if (offset === 8 && (type !== 'IHDR' || length !== 13)) return 'png does not start with an IHDR chunk';
    if ((bytes[offset + 4]! & 0x20) === 0) critical.push(offset);
    if (type === 'IDAT') {
      if (idatRunEnded) return 'png has IDAT chunks separated by other chunks';
      idatChunks++;
      for (let i = offset + 8; i < offset + 8 + length && stream.length < 7; i++) stream.push(bytes[i]!);
    } else if (idatChunks > 0) {
      idatRunEnded = true;
    }
    if (type === 'IEND') {
      if (idatChunks === 0) return 'png has no IDAT chunk (no image data)';
      const zlib = zlibProblem(stream);
      if (zlib) return zlib;
      for (const at of critical) {
        const dataEnd = at + 8 + view.getUint32(at);
        if (crc32(bytes, at + 4, dataEnd) !== view.getUint32(dataEnd)) {
          return `png ${String.fromCharCode(...bytes.subarray(at + 4, at + 8))} chunk has a bad CRC`;
        }
      }
      // IHDR's first fields (its place and length were checked at the first chunk).
      return { width: view.getUint32(16), height: view.getUint32(20) };
    }
    offset = end;
  }
  return 'png has no IEND chunk (truncated)';
}

/** The opening of a zlib stream (RFC 1950) and of its first deflate block (RFC 1951), or what is wrong with it. */
function zlibProblem(head: number[]): string | null {
  const [cmf, flg, block] = head;
  if (cmf === undefined || flg === undefined || block === undefined) return 'png image data is too short to be a zlib stream';
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0) return 'png image data is not a zlib stream (bad header)';
  if (flg & 0x20) return 'png image data asks for a preset zlib dictionary, which PNG forbids';
  const blockType = (block >> 1) & 3;
  if (blockType === 3) return 'png image data starts with a deflate block of the reserved type';
  if (blockType === 0) {
    const [, , , len0, len1, nlen0, nlen1] = head;
    if (nlen1 === undefined) return 'png image data is too short to be a zlib stream';
    if ((len0! | (len1! << 8)) !== (~(nlen0! | (nlen1 << 8)) & 0xffff)) return 'png image data starts with a corrupt stored deflate block';
  }
  return null;
}

/** The JPEG markers of the frame headers read here and decoders commonly take: baseline, extended, progressive. */
const HUFFMAN_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
const OTHER_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * A JPEG must end with the EOI marker (FF D9; cameras may pad a little after it) and be a chain of segments
 * from SOI to a frame header (SOF0-2) and a scan (SOS) with entropy-coded data after its header. The walk
 * stops at the first scan, so its cost is the number of header segments, and a file that is not a chain of
 * segments (2 MB of zeros) is refused at its first bad marker.
 */
function readJpeg(bytes: Uint8Array): Structure {
  let eoi = -1;
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) {
      eoi = i;
      break;
    }
  }
  if (eoi < 0) return 'jpeg has no end-of-image marker (truncated)';
  let offset = 2;
  let frame: { width: number; height: number } | undefined;
  for (;;) {
    if (bytes[offset] !== 0xff) return `jpeg has no segment marker at byte ${offset}`;
    while (bytes[offset + 1] === 0xff) offset++; // fill bytes
    const marker = bytes[offset + 1];
    if (marker === undefined) return 'jpeg ends inside a marker (truncated)';
    const name = `FF${marker.toString(16).toUpperCase().padStart(2, '0')}`;
    offset += 2;
    if (marker === 0xd9) return 'jpeg has no image data (end-of-image before any scan)';
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // standalone markers, no length
    if (marker === 0x00 || marker === 0xd8) return `jpeg has an invalid marker ${name} at byte ${offset - 2}`;
    if (offset + 2 > bytes.length) return `jpeg segment ${name} is truncated`;
    const end = offset + ((bytes[offset]! << 8) | bytes[offset + 1]!);
    if (end < offset + 2) return `jpeg segment ${name} has an invalid length`;
    if (end > eoi) return `jpeg segment ${name} runs past the end of the image (truncated)`;
    // The first frame header gives the size (precision, then height and width): the one image-size read.
    if (HUFFMAN_FRAMES.has(marker) && !frame) {
      if (end < offset + 7) return `jpeg segment ${name} is too short for a frame header`;
      frame = { height: (bytes[offset + 3]! << 8) | bytes[offset + 4]!, width: (bytes[offset + 5]! << 8) | bytes[offset + 6]! };
    }
    if (OTHER_FRAMES.has(marker))
      return `jpeg uses a coding process (${name}) that is not decoded here: only baseline, extended and progressive`;
    if (marker === 0xda) {
      if (!frame) return 'jpeg has a scan before any frame header (no SOF0-2 marker before SOS)';
      return end < eoi ? frame : 'jpeg has no scan data after its SOS header';
    }
    offset = end;
  }
}

/** Eight 256-entry tables for CRC-32 by slicing-by-8 (8 bytes a step): a 2 MB PNG is checked in a few ms. */
let crcTables: Int32Array | undefined;

function makeCrcTables(): Int32Array {
  const tables = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let t = 1; t < 8; t++) tables[t * 256 + n] = (tables[(t - 1) * 256 + n]! >>> 8) ^ tables[tables[(t - 1) * 256 + n]! & 0xff]!;
  }
  return tables;
}

/** CRC-32 (PNG's, ISO 3309) of bytes[start, end). Int32 arithmetic throughout, so the engine keeps it in registers. */
function crc32(bytes: Uint8Array, start: number, end: number): number {
  const t = (crcTables ??= makeCrcTables());
  let crc = -1;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const low = crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    crc =
      t[1792 + (low & 0xff)]! ^
      t[1536 + ((low >>> 8) & 0xff)]! ^
      t[1280 + ((low >>> 16) & 0xff)]! ^
      t[1024 + (low >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < end; i++) crc = t[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
