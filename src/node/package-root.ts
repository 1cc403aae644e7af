import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The kit's own folder (where spec/ and fixtures/ are), whether running from src/ with tsx or from dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'spec', 'openapi.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('face-enroll-mock: cannot find spec/openapi.yaml above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}
