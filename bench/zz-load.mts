import autocannon from 'autocannon';
import { encodeJpeg, facePixels } from '../test/support/fixture-images.js';
function jpegNear(target: number): Buffer {
  for (let side = 256; side <= 4096; side += 16) {
    const bytes = encodeJpeg(facePixels(side, side, 40, 3), 90);
    if (bytes.length >= target) return bytes;
  }
  throw new Error('x');
}
const image = jpegNear(140_000);
const body = JSON.stringify({ faceImage: image.toString('base64'), userId: 'bench-user', region: 'PHL' });
const port = process.argv[2];
const r = await autocannon({ url: `http://127.0.0.1:${port}/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/enroll`, method: 'POST', body, headers: { 'content-type': 'application/json', 'x-access-token': 'bench-token' }, connections: 16, duration: Number(process.argv[3] ?? 10) });
console.log('req/s', r.requests.average, 'non2xx', r.non2xx, 'p50', r.latency.p50);
