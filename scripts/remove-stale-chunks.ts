import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';

/**
 * Chunk names carry a content hash: the last build's chunks that this one did not write are removed, so they are
 * not packed. Removed after the build rather than before: a process starting meanwhile (tests, npm pack's prepack
 * during a test run) must still find the entries and what they import.
 */
export function removeStaleChunks(metafile: Metafile, chunksDir: string): void {
  if (!existsSync(chunksDir)) return;
  const written = new Set(Object.keys(metafile.outputs).map((file) => file.slice(chunksDir.length + 1)));
  for (const file of readdirSync(chunksDir)) if (!written.has(file)) rmSync(join(chunksDir, file));
}
