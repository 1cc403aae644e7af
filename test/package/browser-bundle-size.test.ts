import { beforeAll, describe, expect, it } from 'vitest';
import { measureBrowserBundle, type BrowserBundle } from '../support/measure-browser-bundle.js';

/**
 * What a browser app pays for the kit itself when the page loads; msw is the app's own dependency (a peer), so
 * it is left out. What loads only on use (the regex engine, imported when a regex rule is first matched) is a
 * chunk of its own, printed but not counted (test/support/measure-browser-bundle.ts).
 */
const LIMIT_KIB = 300;
let bundle: BrowserBundle;

beforeAll(async () => {
  bundle = await measureBrowserBundle();
}, 60_000);

describe('face-enroll-mock/browser (mocks/browser.ts), minified for a browser', () => {
  it(`weighs under ${LIMIT_KIB} KiB without msw (msw marked external: it is the app's peer)`, () => {
    const top = bundle.byPackage.slice(0, 8).map(([name, size]) => `${name} ${(size / 1024).toFixed(1)} KiB`);
    console.log(
      `browser entry, msw external: ${bundle.entryBytes} bytes (${(bundle.entryBytes / 1024).toFixed(1)} KiB) at page load, ${(bundle.lazyBytes / 1024).toFixed(1)} KiB more on first use; largest: ${top.join(', ')}`,
    );
    expect(bundle.entryBytes).toBeLessThan(LIMIT_KIB * 1024);
  });

  // Handlers only ever get parsed rules: YAML text is parseRules' job (main entry), and the rules schema is
  // compiled at `npm run generate` time (src/generated/validate-rules-schema.ts). Seeded ids come from the
  // kit's own generator (src/core/random/create-random.ts), and the regex engine is a chunk loaded on first use.
  it('ships no YAML parser, no schema compiler, no faker and no regex engine at page load', () => {
    const packages = bundle.byPackage.map(([name]) => name);
    const heavy = ['yaml', 'ajv', 'fast-uri', 'fast-deep-equal', '@faker-js/faker', 're2js'];
    expect(packages.filter((name) => heavy.includes(name))).toEqual([]);
  });
});
