/**
 * Bundles the CLI (server, core, embedded Prism stages and their dependencies) into one ESM file,
 * dist/bundle/cli.mjs, the package's bin. One file loads in a fraction of the time Node takes to resolve and
 * read a few thousand module files: cold start is a benchmark target (docs/benchmarks.md).
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/bundle/cli.mjs',
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
