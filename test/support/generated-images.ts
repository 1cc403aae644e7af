import { readFileSync } from 'node:fs';
import { generatedImage as contractImage } from '../../src/contract/generated-images.js';
import { encodePng, facePixels } from './fixture-images.js';
import { crc32 } from './forge-png.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/images/${name}`, import.meta.url));

/**
 * Images too large to commit, or broken on purpose, built once per process: the large ones from the same
 * deterministic encoder as the fixtures, the broken ones by editing a fixture with the helpers below (which
 * walk PNG chunks and JPEG segments on their own, apart from the code under test).
 */
const builders: Record<string, () => Buffer> = {
  // The contract runner's own recipe and cache: the tests and the packaged command send the same bytes.
  'over-2mb.jpg': () => contractImage('over-2mb.jpg'),
  // A real PNG just under the 2 MB cap (1.9 MB, 800x800): the most a CRC pass can cost.
  'large.png': () => encodePng(facePixels(800, 800, 40, 3)),
  // A PNG whose chunk chain and CRCs are fine but that has no image data at all.
  'png-without-idat.png': () => png(pngChunks(fixture('face.png')).filter((c) => c.type !== 'IDAT')),
  // Image data that is not a zlib stream: 2,000,000 zero bytes (header 00 00).
  'png-idat-zeros.png': () => pngWithImageData(Buffer.alloc(2_000_000)),
  // A valid zlib header (78 9C) followed by zeros: a stored block whose length does not match its complement.
  'png-idat-zlib-header-then-zeros.png': () => pngWithImageData(Buffer.concat([Buffer.from([0x78, 0x9c]), Buffer.alloc(1000)])),
  // The headers of a real JPEG, then end-of-image where the scan should start.
  'jpeg-without-sos.jpg': () => Buffer.concat([jpegHeaders(fixture('face.jpg')).beforeScan, EOI]),
  // The same with the scan header kept and nothing after it.
  'jpeg-sos-without-data.jpg': () => {
    const { beforeScan, scanHeader } = jpegHeaders(fixture('face.jpg'));
    return Buffer.concat([beforeScan, scanHeader, EOI]);
  },
  // FF D8 FF, 2,000,000 zero bytes, FF D9: the signature and the end marker of a JPEG around nothing.
  'jpeg-2mb-zeros.jpg': () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(2_000_000), EOI]),
};
const cache = new Map<string, Buffer>();

export function generatedImage(name: string): Buffer {
  const build = builders[name];
  if (!build) throw new Error(`No generated image named "${name}". Known: ${Object.keys(builders).join(', ')}`);
  let bytes = cache.get(name);
  if (!bytes) cache.set(name, (bytes = build()));
  return bytes;
}

const EOI = Buffer.from([0xff, 0xd9]);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Chunk {
  type: string;
  data: Buffer;
}

function pngChunks(file: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  for (let offset = 8; offset < file.length;) {
    const length = file.readUInt32BE(offset);
    chunks.push({ type: file.toString('latin1', offset + 4, offset + 8), data: file.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

/** A PNG of these chunks, each with its correct CRC. */
function png(chunks: Chunk[]): Buffer {
  const parts: Buffer[] = [PNG_SIGNATURE];
  for (const { type, data } of chunks) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    parts.push(head, data, crc);
  }
  return Buffer.concat(parts);
}

/** face.png's IHDR, one IDAT holding `data`, and IEND: every chunk well formed, the image data as given. */
function pngWithImageData(data: Buffer): Buffer {
  const ihdr = pngChunks(fixture('face.png')).find((c) => c.type === 'IHDR')!;
  return png([ihdr, { type: 'IDAT', data }, { type: 'IEND', data: Buffer.alloc(0) }]);
}

/** A JPEG's bytes before its first scan (SOS) and the scan's header segment. */
function jpegHeaders(file: Buffer): { beforeScan: Buffer; scanHeader: Buffer } {
  let offset = 2;
  while (file[offset] === 0xff && file[offset + 1] !== 0xda) offset += 2 + file.readUInt16BE(offset + 2);
  if (file[offset] !== 0xff) throw new Error('jpegHeaders: no SOS marker found in the fixture');
  return { beforeScan: file.subarray(0, offset), scanHeader: file.subarray(offset, offset + 2 + file.readUInt16BE(offset + 2)) };
}

/**
 * Builds every generated image now. Call it in a beforeAll: building the 2 MB JPEG takes seconds on a loaded
 * machine and blocks the event loop, which otherwise lands inside a scenario's own time budget (the image
 * server's download timer, the server's socket timers, when they share the test's process).
 */
export function warmGeneratedImages(): void {
  for (const name of Object.keys(builders)) generatedImage(name);
}
