import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../scripts/generate.js';

describe('src/generated/', () => {
  it('matches what npm run generate makes from the spec today', async () => {
    const files = await generate();
    for (const [path, content] of Object.entries(files)) {
      expect(readFileSync(path, 'utf8'), `${path} is stale: run npm run generate and commit it`).toBe(content);
    }
  }, 30_000);
});
