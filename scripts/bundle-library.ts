/**
 * Bundles the kit's own modules behind the entries a test file or an app imports (the root, /msw, /node,
 * /browser, /client) into dist/lib/, one file each plus the chunks they share. Node resolves and reads each
 * module file of an import on its own: /node was about 110 of the kit's files on top of msw/node's 80, and a
 * fresh process importing it is a benchmark target (docs/benchmarks.md, decision note 0042).
 *
 * One build for the five, so the modules they share (msw-core's provider, the outcome catalog, the store) exist
 * once whichever entries a program imports together. Every package stays external, so msw, yaml, faker and the
 * regex engine are the user's own copies and still load on first use; the output stays platform-neutral ES
 * modules, since /browser and the root are bundled again by the app's bundler.
 */
import { build } from 'esbuild';
import { removeStaleChunks } from './remove-stale-chunks.js';

const result = await build({
  metafile: true,
  entryPoints: {
    index: 'src/index.ts',
    msw: 'mocks/index.ts',
    node: 'mocks/node.ts',
    browser: 'mocks/browser.ts',
    client: 'src/client/index.ts',
  },
  packages: 'external',
  external: ['node:*'],
  outdir: 'dist/lib',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  target: 'es2022',
  // Maps with the TypeScript in them (src/ and mocks/ are not published); whitespace and syntax minified only,
  // so names stay readable in a stack trace and in the app's own bundle.
  sourcemap: true,
  sourcesContent: true,
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
removeStaleChunks(result.metafile, 'dist/lib/chunks');
