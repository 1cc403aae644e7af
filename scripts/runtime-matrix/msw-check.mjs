// One user's MSW test, run by scripts/runtime-matrix.sh in a temp project under the Node and msw it is checking.
// Every request goes to a vendor host that msw intercepts (onUnhandledRequest: 'error'): nothing leaves the machine.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHandlers, enrollDelay, enrollments, enrollNetworkError, enrollOutcome, server } from 'face-enroll-mock/node';
import { apiPaths } from 'face-enroll-mock';

const face = readFileSync(new URL('./node_modules/face-enroll-mock/fixtures/images/face.jpg', import.meta.url)).toString('base64');
const call = async (userId, headers = {}) => {
  const response = await fetch('https://sg-api.advance.ai' + apiPaths.saveEnroll, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't', ...headers },
    body: JSON.stringify({ faceImage: face, userId, region: 'PHL' }),
  });
  return (await response.json()).code;
};

server.listen({ onUnhandledRequest: 'error' });
try {
  assert.equal(await call('matrix-1'), 'SUCCESS');
  assert.equal(enrollments.count(), 1, 'the store keeps the enrollment');

  // One-shot helpers answer once, then the regular handlers answer again.
  server.use(enrollOutcome('REGION_WRONG'));
  assert.equal(await call('matrix-2'), 'REGION_WRONG');
  assert.equal(await call('matrix-3'), 'SUCCESS');

  server.use(enrollNetworkError());
  await assert.rejects(call('matrix-4'), TypeError, 'a network error rejects fetch');
  assert.equal(await call('matrix-5'), 'SUCCESS');

  server.use(enrollDelay(200));
  const started = performance.now();
  assert.equal(await call('matrix-6'), 'SUCCESS');
  assert.ok(performance.now() - started >= 190, 'enrollDelay holds the answer');

  // Default fixture rules, and handlers made with other rules put in front with server.use.
  assert.equal(await call('error-matrix'), 'ERROR');
  server.use(...createHandlers({ rules: [{ match: { userId: 'ruled' }, outcome: 'ERROR' }] }));
  assert.equal(await call('ruled'), 'ERROR');
  server.resetHandlers();
  assert.equal(await call('ruled'), 'SUCCESS');
} finally {
  server.close();
}
const msw = JSON.parse(readFileSync(new URL('./node_modules/msw/package.json', import.meta.url), 'utf8')).version;
console.log(`msw ${msw}: handlers, one-shot helpers, rules ok`);
