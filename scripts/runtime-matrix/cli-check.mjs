// Starts the installed bin under this Node (scripts/runtime-matrix.sh), enrolls once on loopback, stops it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const bin = new URL('./node_modules/face-enroll-mock/dist/bundle/cli.mjs', import.meta.url).pathname;
const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--log-format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
const exited = new Promise((resolve) => child.once('exit', resolve));
try {
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 30 s:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      const ready = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (ready) (clearTimeout(timer), resolve(ready[1]));
    });
    exited.then((code) => (clearTimeout(timer), reject(new Error(`the CLI exited (${code}) before it was ready:\n${output}`))));
  });
  const face = readFileSync(new URL('./node_modules/face-enroll-mock/fixtures/images/face.jpg', import.meta.url)).toString('base64');
  const response = await fetch(`${url}/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body: JSON.stringify({ faceImage: face, userId: 'matrix-cli', region: 'PHL' }),
  });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).code, 'SUCCESS');
  assert.doesNotMatch(output, /violation/i, 'the embedded Prism validated the answer');
} finally {
  child.kill('SIGTERM');
  await exited;
}
console.log('cli: serve answered an enroll');
