/**
 * `npm run fixtures`: writes fixtures/images/. Every file is small; images over 2 MB are built by tests at
 * run time with jpegOfAtLeast() instead of being committed.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { encodeJpeg, encodePng, facePixels, flatPixels, otherFormats } from '../test/support/fixture-images.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/images');

export function fixtureImages(): Record<string, Buffer> {
  const faceJpg = encodeJpeg(facePixels(512, 512));
  const facePng = encodePng(facePixels(320, 320, 6));
  return {
    'face.jpg': faceJpg,
    'face.png': facePng,
    'too-small.jpg': encodeJpeg(facePixels(200, 200)),
    'too-wide.png': encodePng(flatPixels(5000, 300)),
    'low-quality.jpg': encodeJpeg(flatPixels(512, 512)),
    'low-quality.png': encodePng(flatPixels(512, 512)),
    'truncated.jpg': faceJpg.subarray(0, Math.floor(faceJpg.length * 0.6)),
    'truncated.png': facePng.subarray(0, Math.floor(facePng.length * 0.6)),
    'empty.jpg': Buffer.alloc(0),
    'sample.gif': otherFormats.gif,
    'sample.webp': otherFormats.webp,
    'sample.bmp': otherFormats.bmp,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(fixtureImages())) {
    await writeFile(join(dir, name), bytes);
    console.log(`${name.padEnd(18)} ${String(bytes.length).padStart(8)} bytes`);
  }
}
