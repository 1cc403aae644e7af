import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isLowQuality } from './assess-quality.js';
import { inspectImage } from './inspect-image.js';

const measure = (name: string) => {
  const bytes = readFileSync(new URL(`../../../fixtures/images/${name}`, import.meta.url));
  const info = inspectImage(new Uint8Array(bytes));
  if (!info.ok) throw new Error(`${name} is not a readable image`);
  return [bytes.length, info.width, info.height] as const;
};

describe('isLowQuality', () => {
  it('flags near-featureless pictures (flat JPEG and PNG)', () => {
    expect(isLowQuality(...measure('low-quality.jpg'))).toBe(true);
    expect(isLowQuality(...measure('low-quality.png'))).toBe(true);
  });

  it('passes pictures with photographic detail', () => {
    expect(isLowQuality(...measure('face.jpg'))).toBe(false);
    expect(isLowQuality(...measure('face.png'))).toBe(false);
  });

  it('puts the line at 0.05 bytes per pixel by default, and takes another', () => {
    expect(isLowQuality(4999, 100, 1000)).toBe(true);
    expect(isLowQuality(5000, 100, 1000)).toBe(false);
    expect(isLowQuality(5000, 100, 1000, 0.1)).toBe(true);
  });
});
