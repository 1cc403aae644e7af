import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { generateUrlPath } from '../../src/generated/outcomes.js';
import { createLogger } from '../../src/server/create-logger.js';
import { createMockServer } from '../../src/server/create-mock-server.js';

it('the server logs each failed callback attempt as a warning, the last saying no retry follows', async () => {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const server = await createMockServer({ logger: createLogger('info', 'json', out), callback: { retries: 1, backoffMs: 1 } });
  const base = await server.listen(0, '127.0.0.1');
  try {
    const started = await (
      await fetch(base + generateUrlPath, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-access-token': 't' },
        // Loopback port 9 (discard): nothing listens, the connection is refused.
        body: JSON.stringify({
          returnUrl: 'https://app.example/ok',
          failReturnUrl: 'https://app.example/fail',
          callbackUrl: 'http://127.0.0.1:9/cb',
          userId: 'warn-user',
          region: 'PHL',
        }),
      })
    ).json();
    await fetch(`${base}/__admin/authentications/${started.data.signatureId}/complete`, {
      method: 'POST',
      body: JSON.stringify({ result: 'FAIL', waitForCallback: true }),
    });
    const warnings = lines.map((line) => JSON.parse(line)).filter((line) => line.level === 40 && /callback COMPLETED/.test(line.msg));
    expect(warnings.map((line) => line.msg)).toEqual([
      expect.stringMatching(/attempt 1 of 2: network error: .*; retrying in 1 ms$/),
      expect.stringMatching(/attempt 2 of 2: network error: .*; no more retries follow$/),
    ]);
  } finally {
    await server.close();
  }
});
