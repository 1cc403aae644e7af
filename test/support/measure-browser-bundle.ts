import { build } from 'esbuild';

export interface BrowserBundle {
  /** Bytes of the entry chunk: what a page loads with the kit. */
  entryBytes: number;
  /** Bytes of the chunks loaded on first use only (the regex engine). */
  lazyBytes: number;
  /** Bytes in the entry per package (or per source folder of the kit), largest first. */
  byPackage: Array<[string, number]>;
}

/**
 * face-enroll-mock/browser (mocks/browser.ts) bundled as an app's bundler does it: minified, for the browser,
 * msw external (it is the app's own dependency, a peer) and code splitting on, so what is imported only on use
 * (the regex engine, when a regex rule is first matched) is a chunk of its own. The bundle-size test and
 * `npm run bench` both measure it here.
 */
export async function measureBrowserBundle(): Promise<BrowserBundle> {
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
  const sizes = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(entry.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
  }
  return {
    entryBytes: entry.bytes,
    lazyBytes: outputs.filter(([path]) => path !== entryPath).reduce((sum, [, output]) => sum + output.bytes, 0),
    byPackage: [...sizes].sort((a, b) => b[1] - a[1]),
  };
}
