import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeJpeg, flatPixels } from '../../../test/support/fixture-images.js';
import { pngClaiming } from '../../../test/support/forge-png.js';
import { generatedImage } from '../../../test/support/generated-images.js';
import { checkImage } from './check-image.js';
import { inspectImage, sniffFormat } from './inspect-image.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/images/${name}`, import.meta.url)));

describe('inspectImage', () => {
  it('reads format and dimensions of a valid JPEG and PNG', () => {
    expect(inspectImage(fixture('face.jpg'))).toEqual({ ok: true, format: 'jpeg', width: 512, height: 512 });
    expect(inspectImage(fixture('face.png'))).toEqual({ ok: true, format: 'png', width: 320, height: 320 });
    expect(inspectImage(fixture('too-wide.png'))).toEqual({ ok: true, format: 'png', width: 5000, height: 300 });
  });

  it("reads a JPEG's width and height apart from its frame header", () => {
    const wide = new Uint8Array(encodeJpeg(flatPixels(400, 272), 80));
    expect(inspectImage(wide)).toEqual({ ok: true, format: 'jpeg', width: 400, height: 272 });
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
    expect(inspectImage(new Uint8Array(pngClaiming(100_000, 100_000)))).toEqual({
      ok: true,
      format: 'png',
      width: 100_000,
      height: 100_000,
    });
  });

  // Found by the attack run: each of these was answered SUCCESS.
  const broken: Array<[string, string]> = [
    ['png-without-idat.png', 'png has no IDAT chunk (no image data)'],
    ['png-idat-zeros.png', 'png image data is not a zlib stream (bad header)'],
    ['png-idat-zlib-header-then-zeros.png', 'png image data starts with a corrupt stored deflate block'],
    ['jpeg-without-sos.jpg', 'jpeg has no image data (end-of-image before any scan)'],
    ['jpeg-sos-without-data.jpg', 'jpeg has no scan data after its SOS header'],
    ['jpeg-2mb-zeros.jpg', 'jpeg has an invalid marker FF00 at byte 2'],
  ];
  for (const [name, detail] of broken) {
    it(`reports ${name} as corrupt, and checkImage answers CANNOT_DECODE`, async () => {
      const bytes = new Uint8Array(generatedImage(name));
      expect(inspectImage(bytes)).toEqual({ ok: false, problem: 'corrupt', detail });
      expect(await checkImage(Buffer.from(bytes).toString('base64'))).toEqual({
        ok: false,
        outcome: 'PARAMETER_ERROR_CANNOT_DECODE',
        detail,
      });
    });
  }

  it('reports a bad CRC on an IDAT chunk, not only on IHDR', () => {
    const bytes = fixture('face.png');
    bytes[bytes.length - 20] = (bytes[bytes.length - 20]! + 1) % 256; // inside the last IDAT's data
    expect(inspectImage(bytes)).toEqual({ ok: false, problem: 'corrupt', detail: 'png IDAT chunk has a bad CRC' });
  });

  // The walk stops at the first bad marker, so its cost does not grow with the 2 MB (the figure is a benchmark's).
  it('refuses 2 MB of zeros behind a JPEG signature at their first bad marker', () => {
    const bytes = new Uint8Array(generatedImage('jpeg-2mb-zeros.jpg'));
    expect(inspectImage(bytes)).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it('accepts a PNG just under the size cap, every CRC checked', () => {
    const bytes = new Uint8Array(generatedImage('large.png'));
    expect(bytes.length).toBeGreaterThan(1_800_000);
    expect(inspectImage(bytes)).toEqual({ ok: true, format: 'png', width: 800, height: 800 });
  });
});
