import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';

// 8 MB texts in enroll bodies must not take the server out of memory (unbounded, 477 requests did) nor make
// GET /__admin/requests answer hundreds of millions of characters. Through the real server: the heap a run of them
// leaves behind, and the size of the journal's answer. Figures are printed; the bounds are generous.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const N = Number(process.env.MEMORY_REQUESTS ?? 24);
const EIGHT_MB = 8_000_000;
let server: MockServer;
let url: string;

beforeAll(async () => {
  server = await createMockServer({ seed: 1 });
  url = await server.listen(0);
});
afterAll(() => server.close());

const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

it(`keeps the heap and the journal's answer small after ${N} enrolls with an 8 MB region and ${N} with an 8 MB imageUrl`, async () => {
  const region = JSON.stringify({ faceImage: face, userId: 'mem-region', region: 'R'.repeat(EIGHT_MB) });
  // userinfo and an 8 MB path: Request refuses the URL by quoting it whole, the detail used to keep that quote.
  const imageUrl = JSON.stringify({ faceImage: `http://user:pw@127.0.0.1:9/${'u'.repeat(EIGHT_MB)}`, userId: 'mem-url', region: 'PHL' });
  const send = async (body: string) => {
    const response = await fetch(url + enrollPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': 't' },
      body,
    });
    return ((await response.json()) as { message: string }).message;
  };
  await send(region); // warm up (Prism, the first parse) before the baseline
  server.journal.clear();
  const before = heapMb();
  const messages = new Set<string>();
  for (let i = 0; i < N; i++) {
    messages.add(await send(region));
    messages.add(await send(imageUrl));
  }
  const after = heapMb();
  const answer = await fetch(`${url}/__admin/requests`);
  const text = await answer.text();
  const requests = (JSON.parse(text) as { requests: Array<{ outcome: string }> }).requests;
  const entries = requests.length;
  console.log(
    `journal memory: ${2 * N} enrolls of 8 MB texts, heap ${before.toFixed(1)} -> ${after.toFixed(1)} MB ` +
      `(+${(after - before).toFixed(1)} MB); GET /__admin/requests: ${entries} entries, ${text.length} characters`,
  );
  expect(messages.size).toBe(2);
  expect(new Set(requests.map((entry) => entry.outcome))).toEqual(
    new Set(['PARAMETER_ERROR_CANNOT_DOWNLOAD', 'PARAMETER_ERROR_REGION_WRONG']),
  );
  expect(entries).toBe(2 * N);
  // Whole texts kept: 8 MB an entry. Cut: under 2 KB an entry.
  expect(text.length).toBeLessThan(2 * N * 2048);
  expect(text).not.toContain('user:pw');
  expect(after - before).toBeLessThan(64);
}, 120_000);
