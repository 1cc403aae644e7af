import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * What a browser app pays for the kit itself when the page loads; msw is the app's own dependency (a peer), so
 * it is left out. Bundled as an app's bundler does it (code splitting on): what loads only on use (the regex
 * engine, imported when a regex rule is first matched) is a chunk of its own, printed but not counted.
 */
const LIMIT_KIB = 300;
let bytes: number;
let lazyBytes: number;
let inputs: Metafile['outputs'][string]['inputs'];

beforeAll(async () => {
  const result = await build({
    entryPoints: ['mocks/browser.ts'],
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    splitting: true,
    outdir: 'reports/bundle-size',
    external: ['msw', 'msw/*'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([path]) => path.endsWith('.js'));
  const [entryPath, entry] = outputs.find(([, output]) => output.entryPoint === 'mocks/browser.ts')!;
  bytes = entry.bytes;
  lazyBytes = outputs.filter(([path]) => path !== entryPath).reduce((sum, [, output]) => sum + output.bytes, 0);
  inputs = entry.inputs;
}, 60_000);

/** Bytes in the bundle per package (or per source folder of the kit), largest first. */
function byPackage(): Array<[string, number]> {
  const sizes = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

describe('face-enroll-mock/browser (mocks/browser.ts), minified for a browser', () => {
  it(`weighs under ${LIMIT_KIB} KiB without msw (msw marked external: it is the app's peer)`, () => {
    const top = byPackage()
      .slice(0, 8)
      .map(([name, size]) => `${name} ${(size / 1024).toFixed(1)} KiB`);
    console.log(
      `browser entry, msw external: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB) at page load, ${(lazyBytes / 1024).toFixed(1)} KiB more on first use; largest: ${top.join(', ')}`,
    );
    expect(bytes).toBeLessThan(LIMIT_KIB * 1024);
  });

  // Handlers only ever get parsed rules: YAML text is parseRules' job (main entry), and the rules schema is
  // compiled at `npm run generate` time (src/generated/validate-rules-schema.ts).
  // Seeded ids come from the kit's own generator (src/core/create-random.ts), not faker.
  it('ships no YAML parser, no schema compiler and no faker', () => {
    const packages = byPackage().map(([name]) => name);
    expect(packages.filter((name) => ['yaml', 'ajv', 'fast-uri', 'fast-deep-equal', '@faker-js/faker'].includes(name))).toEqual([]);
  });
});
