import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds dist/ (library and bundled bin) before the suite when it is missing or older than its sources, so tests
 * that start the CLI as a user would never run a stale build, whether the suite runs through npm test or vitest
 * directly; an unchanged tree is not rebuilt (a build is a minute of the run).
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-if-stale.mjs', '--all'], { cwd: root, stdio: 'inherit' });
}
