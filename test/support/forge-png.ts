import { readFileSync } from 'node:fs';

/**
 * The fixture low-quality.png with its IHDR rewritten to claim width x height (and a correct CRC), so a
 * decompression bomb's header can be tested without a bomb. The CRC is computed here, independently of
 * the code under test.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const png = Buffer.from(readFileSync(new URL('../../fixtures/images/low-quality.png', import.meta.url)));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** PNG's CRC-32, bit by bit: written apart from the table-driven one under test. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
