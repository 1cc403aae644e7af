/**
 * Bundles the CLI and the server entry (server, core, embedded Prism stages and their dependencies) into ESM
 * files under dist/bundle/: cli.mjs, the package's bin, server.mjs, what face-enroll-mock/server loads, and
 * contract.mjs and contract-vitest.mjs, what face-enroll-mock/contract and /contract/vitest load.
 * A few files load in a fraction of the time Node takes to resolve and read a few thousand module files: cold
 * start is a benchmark target (docs/benchmarks.md). The two entries share their code through chunks
 * (dist/bundle/chunks/), so the server is not shipped twice (the install-weight test counts it).
 */
import { build } from 'esbuild';
import { removeStaleChunks } from './remove-stale-chunks.js';

const result = await build({
  metafile: true,
  entryPoints: {
    cli: 'src/cli/main.ts',
    server: 'src/server/start-mock-server.ts',
    // face-enroll-mock/contract and /contract/vitest: the engine checks answers with Ajv and guards downloads
    // with undici and ipaddr.js, devDependencies like Prism's, so these entries are bundled as the server is.
    contract: 'src/contract/index.ts',
    'contract-vitest': 'src/contract/define-contract-suite.ts',
  },
  // The user's own vitest runs the suite: one copy of it, theirs.
  external: ['vitest'],
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Some dependencies ship a UMD "main" that esbuild cannot follow (jsonc-parser); their ESM "module" works.
  mainFields: ['module', 'main'],
  // CommonJS dependencies inside an ESM bundle still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Whitespace and syntax only: the installed size is a target (docs/decisions/0008-light-install-and-browser-bundle.md)
  // and names stay readable in a stack trace.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

removeStaleChunks(result.metafile, 'dist/bundle/chunks');
