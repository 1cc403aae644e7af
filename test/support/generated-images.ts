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

/**
 * Builds every generated image now. Call it in a beforeAll: building the 2 MB JPEG takes seconds on a loaded
 * machine and blocks the event loop, which otherwise lands inside a scenario's own time budget (the image
 * server's download timer, the server's socket timers, when they share the test's process).
 */
export function warmGeneratedImages(): void {
  for (const name of Object.keys(builders)) generatedImage(name);
}
