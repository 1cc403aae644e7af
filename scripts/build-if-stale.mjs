// @ts-check
/**
 * Builds only when an output is missing or older than a file it is built from. Two targets:
 * - the CLI bundle (scripts/bundle-cli.ts: dist/bundle/*.mjs), the default. The bin (bin/face-enroll-mock.mjs)
 *   runs it first in a clone, so `npm start` and `npx face-enroll-mock` work right after `npm ci` and start at once
 *   when nothing changed; no install script is needed (a user installing the package would be asked to allow one).
 *   The CLI runs from the bundle alone.
 * - the whole package (`--all`: `npm run build`, tsc's dist/ as well): what the test setup needs, so a test run after
 *   an unchanged tree does not spend a minute rebuilding what is already there.
 *
 * Plain JavaScript on purpose: it runs before anything is built, on every `npm start`, and tsx would add a
 * second to each start.
 *
 * Usage: node scripts/build-if-stale.mjs [--all] [ROOT]   (ROOT: the project folder; default: this script's parent)
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @typedef {{ what: string, outputs: (root: string) => string[], inputs: string[], build: (root: string) => void }} Target */

/** What the bundle is built from: the code, the bundler script, and the installed dependencies' versions. */
const bundleInputs = ['src', 'mocks', 'scripts/bundle-cli.ts', 'scripts/remove-stale-chunks.ts', 'package.json', 'package-lock.json'];

/** @type {Record<'bundle' | 'all', Target>} */
const targets = {
  bundle: {
    what: 'dist/bundle',
    outputs: () => ['dist/bundle/cli.mjs', 'dist/bundle/server.mjs'],
    inputs: bundleInputs,
    // tsx from this kit's own install (a file URL), so ROOT needs no node_modules of its own.
    build: (root) =>
      execFileSync(process.execPath, ['--import', import.meta.resolve('tsx'), 'scripts/bundle-cli.ts'], { cwd: root, stdio: 'inherit' }),
  },
  all: {
    what: 'dist',
    // Every file the exports map and the bin load: one build writes them all, so the oldest dates that build.
    outputs: (root) => {
      /** @type {{ exports: Record<string, string | { default: string }> }} */
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      const loaded = Object.values(manifest.exports).map((entry) => (typeof entry === 'string' ? entry : entry.default));
      return ['dist/bundle/cli.mjs', ...loaded.filter((file) => file.startsWith('./dist/'))];
    },
    inputs: [...bundleInputs, 'scripts/bundle-library.ts', 'tsconfig.json', 'tsconfig.build.json'],
    build: (root) => execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' }),
  },
};

/**
 * Newest modification time under path (a file or a folder), 0 when it does not exist. Test files beside the code
 * are no input: no build includes them.
 * @param {string} path
 */
function newest(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs; // a deleted file shows only as its folder's change
  for (const name of readdirSync(path)) if (!name.endsWith('.test.ts')) latest = Math.max(latest, newest(join(path, name)));
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
 * Builds the target when it is missing or stale; the bin calls it (the bundle) before loading the CLI.
 * @param {string} root the project folder
 * @param {keyof typeof targets} name which build: the CLI bundle, or all of dist/
 */
export function buildIfStale(root = projectRoot, name = 'bundle') {
  const target = targets[name];
  const oldestOutput = Math.min(...target.outputs(root).map((output) => built(join(root, output))));
  const newestInput = Math.max(...target.inputs.map((input) => newest(join(root, input))));
  if (oldestOutput >= 0 && newestInput <= oldestOutput) return;
  const why = oldestOutput < 0 ? 'no build yet' : 'sources changed since the last build';
  process.stderr.write(`face-enroll-mock: building ${target.what} (${why})\n`);
  target.build(root);
}

// Run as a script (`node scripts/build-if-stale.mjs [--all] [ROOT]`). Imported (the bin), it only exports: the
// bin's own arguments are the CLI's.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const all = args[0] === '--all';
  buildIfStale(resolve(args[all ? 1 : 0] ?? projectRoot), all ? 'all' : 'bundle');
}
