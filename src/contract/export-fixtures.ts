import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractCase } from './contract-case.js';
import { generatedImage } from './generated-images.js';
import { loadContractCases } from './load-contract-cases.js';
import { staticImageUrl } from './materialize-case.js';
import { imagesDir } from './start-image-server.js';

/**
 * Writes what the URL cases need on a static host (staticImageUrl's names): every fixture image, the generated
 * ones, and NAME.html copies for the case about a wrong content type. Returns the names written.
 */
export function exportFixtures(dir: string, cases: readonly ContractCase[] = loadContractCases()): string[] {
  mkdirSync(dir, { recursive: true });
  const written = new Set<string>();
  for (const name of readdirSync(imagesDir)) {
    copyFileSync(join(imagesDir, name), join(dir, name));
    written.add(name);
  }
  const paths = cases.flatMap((c) => [...JSON.stringify(c.request.body ?? null).matchAll(/"\$imageUrl":"([^"]+)"/g)].map((m) => m[1]!));
  for (const path of paths) {
    const where = staticImageUrl('x:', path);
    if (!('url' in where)) continue;
    const name = where.url.slice('x:/'.length);
    if (written.has(name) || name.startsWith('not-exported')) continue;
    const generated = /^\/generated\/(.+)$/.exec(path)?.[1];
    const html = /^\/as\/text\/html\/images\/(.+)$/.exec(path)?.[1];
    if (generated) writeFileSync(join(dir, name), generatedImage(generated));
    else if (html) copyFileSync(join(imagesDir, html), join(dir, name));
    else continue;
    written.add(name);
  }
  return [...written].sort();
}
