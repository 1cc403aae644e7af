/**
 * The images of the contract table too large to ship (a JPEG of 2 MB and more), built deterministically from a
 * maintained pure-JS encoder (jpeg-js): the same call gives the same bytes, on every machine, so the package
 * ships the recipe instead of 3.5 MB of noise (docs/decisions/0014-contract-command.md). The test fixtures
 * (`npm run fixtures`) come from the same functions.
 */
import jpeg from 'jpeg-js';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Buffer;
}

/** A small deterministic PRNG (mulberry32), so "noise" is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A synthetic face: a skin-toned ellipse with eyes and a mouth on a gradient background, with grain so the
 * encoded file has the detail (bytes per pixel) of a photograph. `noise` is the grain's amplitude.
 */
export function facePixels(width: number, height: number, noise = 24, seed = 1): Pixels {
  const data = Buffer.alloc(width * height * 4);
  const rand = prng(seed);
  const cx = width / 2;
  const cy = height / 2;
  const rx = width * 0.3;
  const ry = height * 0.4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const nx = (x - cx) / rx;
      const ny = (y - cy) / ry;
      let r = 40 + (150 * y) / height;
      let g = 70 + (100 * x) / width;
      let b = 120;
      if (nx * nx + ny * ny <= 1) {
        [r, g, b] = [224, 172, 140];
        const eye = (ex: number) => ((x - ex) / (rx * 0.18)) ** 2 + ((y - (cy - ry * 0.25)) / (ry * 0.08)) ** 2 <= 1;
        if (eye(cx - rx * 0.4) || eye(cx + rx * 0.4)) [r, g, b] = [40, 30, 30];
        const mouth = Math.abs(y - (cy + ry * 0.45)) < ry * 0.04 && Math.abs(x - cx) < rx * 0.4;
        if (mouth) [r, g, b] = [150, 50, 60];
      }
      const n = (rand() - 0.5) * 2 * noise;
      const i = (y * width + x) * 4;
      data[i] = clamp(r + n);
      data[i + 1] = clamp(g + n);
      data[i + 2] = clamp(b + n);
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

export function clamp(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

export function encodeJpeg(pixels: Pixels, quality = 85): Buffer {
  return Buffer.from(jpeg.encode(pixels, quality).data);
}

/** A JPEG of at least `minBytes`, built by raising the grain until it is big enough (2 MB and over for tests). */
export function jpegOfAtLeast(minBytes: number, side = 1400): Buffer {
  for (let noise = 60; noise <= 255; noise += 40) {
    const bytes = encodeJpeg(facePixels(side, side, noise, 7), 100);
    if (bytes.length >= minBytes) return bytes;
  }
  return jpegOfAtLeast(minBytes, Math.ceil(side * 1.3));
}

/** Images too large to commit, built once per process, and only when a case needs one. */
const builders: Record<string, () => Buffer> = {
  'over-2mb.jpg': () => jpegOfAtLeast(2 * 1024 * 1024),
};
const cache = new Map<string, Buffer>();

export function generatedImage(name: string): Buffer {
  const build = builders[name];
  if (!build) throw new Error(`No generated image named "${name}". Known: ${Object.keys(builders).join(', ')}`);
  let bytes = cache.get(name);
  if (!bytes) cache.set(name, (bytes = build()));
  return bytes;
}
