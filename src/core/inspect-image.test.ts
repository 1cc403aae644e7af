import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pngClaiming } from '../../test/support/forge-png.js';
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
    expect(inspectImage(new Uint8Array(pngClaiming(100_000, 100_000)))).toEqual({
      ok: true,
      format: 'png',
      width: 100_000,
      height: 100_000,
    });
  });
});
