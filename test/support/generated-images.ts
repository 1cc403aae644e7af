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
 * Builds every generated image now. Suites call it before their first test (startImageServer does), so that a
 * slow build on a loaded machine never lands inside a request: not in a URL download (5 s timeout), and not
 * between two requests of a kept-alive connection.
 */
export function warmGeneratedImages(): void {
  for (const name of Object.keys(builders)) generatedImage(name);
}
