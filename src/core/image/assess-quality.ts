/**
 * The kit's deterministic stand-in for the vendor's face-quality model (docs/decisions/0003-low-quality-heuristic.md):
 * a near-featureless picture (flat, blank, heavily blurred) compresses to almost nothing, so fewer than
 * `minBytesPerPixel` bytes of file per pixel means "too low quality". It needs only the file size and the
 * dimensions already read from the header: no pixel decode, constant cost.
 */
export const DEFAULT_MIN_BYTES_PER_PIXEL = 0.05;

export function isLowQuality(byteLength: number, width: number, height: number, minBytesPerPixel = DEFAULT_MIN_BYTES_PER_PIXEL): boolean {
  return byteLength / (width * height) < minBytesPerPixel;
}
