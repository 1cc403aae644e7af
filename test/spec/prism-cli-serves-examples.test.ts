import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { outcomeNames, outcomes } from '../../src/core/envelope/outcome-catalog.js';
import { freePort, waitForHttp } from '../support/free-port.js';

let prism: ChildProcess;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  prism = spawn('npx', ['--no-install', 'prism', 'mock', 'spec/openapi.yaml', '-h', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    detached: true,
  });
  await waitForHttp(base, 60_000);
}, 90_000);

afterAll(() => {
  if (prism.pid) process.kill(-prism.pid, 'SIGTERM');
});

describe('prism mock spec/openapi.yaml (the plain alternative)', () => {
  for (const name of outcomeNames) {
    it(`serves the ${name} example through Prefer`, async () => {
      const { status, code, message } = outcomes[name];
      const response = await fetch(base + enrollPath, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-access-token': 't', // Prism looks for a named example in the 2xx response unless told the code, as its docs say.
          prefer: status === 200 ? `example=${name}` : `code=${status}, example=${name}`,
        },
        body: JSON.stringify({ faceImage: 'AQID', userId: 'u-1', region: 'PHL' }),
      });
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ code, message, data: null, pricingStrategy: 'FREE' });
    });
  }
});
