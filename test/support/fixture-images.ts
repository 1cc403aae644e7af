/**
 * Builds the fixture images from maintained pure-JS encoders (jpeg-js, pngjs), deterministically: the same
 * call gives the same bytes, so `npm run fixtures` rewrites identical files. The face and JPEG builders live
 * with the contract runner, which builds the large images at run time (src/contract/generated-images.ts).
 */
import { PNG } from 'pngjs';
import { clamp, type Pixels } from '../../src/contract/generated-images.js';

export { encodeJpeg, facePixels, jpegOfAtLeast, type Pixels } from '../../src/contract/generated-images.js';

/** A single flat colour: the near-featureless picture the low-quality heuristic is about. */
export function flatPixels(width: number, height: number, grey = 128): Pixels {
  const data = Buffer.alloc(width * height * 4, grey);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

export function encodePng(pixels: Pixels): Buffer {
  const png = new PNG({ width: pixels.width, height: pixels.height });
  pixels.data.copy(png.data);
  return PNG.sync.write(png);
}

/** The smallest valid GIF (1x1), WebP (lossless 1x1) and BMP (2x2): formats the API refuses. */
export const otherFormats = {
  gif: Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
  webp: Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'),
  bmp: (() => {
    const header = Buffer.alloc(54 + 16);
    header.write('BM', 0, 'latin1');
    header.writeUInt32LE(header.length, 2);
    header.writeUInt32LE(54, 10);
    header.writeUInt32LE(40, 14);
    header.writeInt32LE(2, 18);
    header.writeInt32LE(2, 22);
    header.writeUInt16LE(1, 26);
    header.writeUInt16LE(24, 28);
    header.writeUInt32LE(16, 34);
    return header;
  })(),
};
