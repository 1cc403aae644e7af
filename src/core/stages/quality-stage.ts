import { DEFAULT_MIN_BYTES_PER_PIXEL, isLowQuality } from '../image/assess-quality.js';
import type { EnrollContext, Stage } from './stage.js';

/** The kit's stand-in for the vendor's face-quality model (docs/decisions/0003-low-quality-heuristic.md). */
export const qualityStage: Stage<EnrollContext> = {
  name: 'quality',
  run({ image, settings }) {
    if (!image) throw new Error('the quality stage runs after the image stage');
    const threshold = settings.image.minBytesPerPixel ?? DEFAULT_MIN_BYTES_PER_PIXEL;
    if (!isLowQuality(image.bytes.length, image.width, image.height, threshold)) return undefined;
    const perPixel = (image.bytes.length / (image.width * image.height)).toFixed(4);
    return {
      outcome: 'IMAGE_LOW_QUALITY_FOR_SOLUTION_FACE',
      source: 'check',
      detail: `${perPixel} bytes per pixel: a near-featureless picture`,
    };
  },
};
