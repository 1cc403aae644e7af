// @ts-check
/**
 * Builds the CLI bundle (scripts/bundle-cli.ts: dist/bundle/*.mjs) only when it is missing or older than a file it
 * is built from. The bin (bin/face-enroll-mock.mjs) runs it first in a clone, so `npm start` and `npx
 * face-enroll-mock` work right after `npm ci` and start at once when nothing changed; no install script is needed
 * (a user installing the package would be asked to allow one). Only the esbuild bundle: the CLI runs from it alone,
 * and tsc's dist/ (the library entries) is built by `npm run build`, `npm pack` and the test setup.
 *
 * Plain JavaScript on purpose: it runs before anything is built, on every `npm start`, and tsx would add a
 * second to each start.
 *
 * Usage: node scripts/build-if-stale.mjs [ROOT]   (ROOT: the project folder; default: this script's parent)
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputs = ['dist/bundle/cli.mjs', 'dist/bundle/server.mjs'];
/** What the bundle is built from: the code, the bundler script, and the installed dependencies' versions. */
const inputs = ['src', 'mocks', 'scripts/bundle-cli.ts', 'package.json', 'package-lock.json'];

/** @param {string} path newest modification time under path (a file or a folder), 0 when it does not exist */
function newest(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs; // a deleted file shows only as its folder's change
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

/** @param {string} path modification time, or -1 when it does not exist */
const built = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

/**
 * Builds the bundle when it is missing or stale; the bin calls it before loading the CLI.
 * @param {string} root the project folder
 */
export function buildIfStale(root = projectRoot) {
  const oldestOutput = Math.min(...outputs.map((output) => built(join(root, output))));
  const newestInput = Math.max(...inputs.map((input) => newest(join(root, input))));
  if (oldestOutput >= 0 && newestInput <= oldestOutput) return;
  const why = oldestOutput < 0 ? 'no build yet' : 'sources changed since the last build';
  process.stderr.write(`face-enroll-mock: building dist/bundle (${why})\n`);
  // tsx from this kit's own install (a file URL), so ROOT needs no node_modules of its own.
  execFileSync(process.execPath, ['--import', import.meta.resolve('tsx'), 'scripts/bundle-cli.ts'], { cwd: root, stdio: 'inherit' });
}

// Run as a script (`node scripts/build-if-stale.mjs [ROOT]`): ROOT is the first argument. Imported (the bin), it
// only exports: the bin's own arguments are the CLI's.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  buildIfStale(resolve(process.argv[2] ?? projectRoot));
