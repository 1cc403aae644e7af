import { jpegOfAtLeast } from './fixture-images.js';

/** Images too large to commit, built once per process from the same deterministic encoder as the fixtures. */
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
