import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectImage, sniffFormat } from './inspect-image.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/images/${name}`, import.meta.url)));

describe('inspectImage', () => {
  it('reads format and dimensions of a valid JPEG and PNG', () => {
    expect(inspectImage(fixture('face.jpg'))).toEqual({ ok: true, format: 'jpeg', width: 512, height: 512 });
    expect(inspectImage(fixture('face.png'))).toEqual({ ok: true, format: 'png', width: 320, height: 320 });
    expect(inspectImage(fixture('too-wide.png'))).toEqual({ ok: true, format: 'png', width: 5000, height: 300 });
  });

  it('sniffs the format from the bytes, not the name', () => {
    expect(sniffFormat(fixture('face.jpg'))).toBe('jpeg');
    expect(sniffFormat(fixture('face.png'))).toBe('png');
    for (const other of ['sample.gif', 'sample.webp', 'sample.bmp']) {
      expect(inspectImage(fixture(other))).toMatchObject({ ok: false, problem: 'format' });
    }
  });

  it('reports a truncated JPEG and a truncated PNG as corrupt', () => {
    expect(inspectImage(fixture('truncated.jpg'))).toMatchObject({ ok: false, problem: 'corrupt' });
    expect(inspectImage(fixture('truncated.png'))).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it('reports a PNG whose IHDR checksum is wrong as corrupt', () => {
    const bytes = fixture('face.png');
    bytes[20] = (bytes[20]! + 1) % 256; // inside the IHDR data: width's low byte
    expect(inspectImage(bytes)).toMatchObject({ ok: false, problem: 'corrupt', detail: expect.stringContaining('CRC') });
  });

  it('reports a JPEG with no frame header as corrupt', () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xd9]);
    expect(inspectImage(bytes)).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it('reads absurd declared dimensions from the header alone, in constant time', () => {
    // A PNG that claims 100000x100000: a decompression bomb if anything tried to decode it.
    const png = Buffer.from(fixture('low-quality.png'));
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    const ihdr = png.subarray(12, 29);
    png.writeUInt32BE(crc32(ihdr), 29);
    expect(inspectImage(new Uint8Array(png))).toEqual({ ok: true, format: 'png', width: 100_000, height: 100_000 });
  });
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
