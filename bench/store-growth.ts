/**
 * `npm run bench:store`: enroll throughput through the responder (in-process, no sockets) with 1,000 and with
 * 100,000 users already enrolled, alternating the two sizes and taking medians so the shared machine's noise
 * hits both alike. The cost must stay flat as the store grows (within 10%). Every request enrolls a new user with a
 * real JPEG, so at 100,000 (the default user cap) every add also forgets the least recent user.
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { createResponder } from '../src/responder/create-responder.js';
import { createEnrollmentStore, type Enrollment } from '../src/state/enrollment-store.js';
import { enrollPath } from '../src/generated/outcomes.js';
import { enrollmentWithoutImage } from '../test/support/enrollment-without-image.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = [1_000, 100_000];
const face = readFileSync(new URL('../fixtures/images/face.jpg', import.meta.url)).toString('base64');

function seeded(users: number): Enrollment[] {
  return Array.from({ length: users }, (_, i) =>
    enrollmentWithoutImage(`seed-${i}`, { enrolledAt: new Date(0).toISOString(), transactionId: `seed-tx-${i}` }),
  );
}

// Garbage collection time, to tell the store's own cost from the collector's (which grows with the live heap).
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

async function rate(users: number): Promise<number> {
  const store = createEnrollmentStore();
  await store.seed(seeded(users));
  const responder = createResponder({ rules: false, store, seed: 1 });
  let n = 0;
  const request = () => ({
    method: 'POST',
    path: enrollPath,
    headers: { 'content-type': 'application/json', 'x-access-token': 'bench' },
    bodyText: JSON.stringify({ faceImage: face, userId: `bench-${n++}`, region: 'PHL' }),
  });
  for (let i = 0; i < 200; i++) await responder.respond(request()); // warm-up
  const started = performance.now();
  const gcBefore = gcMs;
  const cpuBefore = process.cpuUsage();
  let done = 0;
  while (performance.now() - started < SECONDS * 1000) {
    const { answer } = await responder.respond(request());
    if (answer.kind !== 'http' || !String(answer.body).includes('"SUCCESS"'))
      throw new Error(`bench: not SUCCESS: ${JSON.stringify(answer)}`);
    done++;
  }
  if (store.count() < Math.min(users, 100_000)) throw new Error(`bench: the store lost its seed (${store.count()})`);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const gcShare = Math.round((gcMs - gcBefore) / 10 / seconds);
  console.log(`  ${users} users: ${Math.round(done / seconds)} req/s, ${Math.round(done / cpuSeconds)} per CPU second, GC ${gcShare}%`);
  // Per CPU second: other processes on a shared machine take wall time from one run and not the other.
  return done / cpuSeconds;
}

const runs: Record<number, number[]> = Object.fromEntries(SIZES.map((size) => [size, []]));
for (let round = 0; round < ROUNDS; round++) for (const size of SIZES) runs[size]!.push(await rate(size));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const [small, large] = SIZES.map((size) => Math.round(median(runs[size]!)));
console.log(`enroll throughput (responder in-process, ${ROUNDS} rounds of ${SECONDS} s, median requests per CPU second):`);
console.log(`  1,000 users enrolled:   ${small}`);
console.log(`  100,000 users enrolled: ${large}`);
console.log(`  ratio 100k/1k: ${(large! / small!).toFixed(3)} (target: within 10%, 0.90 or more)`);
