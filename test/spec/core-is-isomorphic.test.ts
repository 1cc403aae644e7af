import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the decision core', () => {
  it('bundles for the browser with no Node built-in module', async () => {
    const result = await build({
      entryPoints: ['src/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => /^node:|^(fs|path|http|https|net|crypto|buffer|stream|zlib)$/.test(path))).toEqual([]);
    expect(result.errors).toEqual([]);
    // Bundle size is what a browser app pays for the service worker's mock: keep an eye on it.
    expect(result.outputFiles[0]!.contents.length).toBeLessThan(3_000_000);
  });
});
