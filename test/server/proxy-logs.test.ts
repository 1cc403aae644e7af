import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { createLogger } from '../../src/server/create-logger.js';
import { createProxyServer, type ProxyServer } from '../../src/contract/create-proxy-server.js';

// Texts kept by the proxy: its log lines quote the request path, the --upstream URL and the errors
// that quote them; each is cut, and a user:pass@ of the upstream never reaches a line or an admin answer.

let proxy: ProxyServer | undefined;
afterEach(() => proxy?.close());

function capture() {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger('debug', 'json', out) };
}

it('cuts a long path and removes a credentialed upstream in the lines and in the admin answer', async () => {
  const { lines, logger } = capture();
  // Loopback port 9 (discard) answers nothing here: the upstream fails, and the line says so.
  proxy = await createProxyServer({ upstream: 'http://proxyuser:hunter2@127.0.0.1:9', logger, timeoutMs: 2000 });
  const base = await proxy.listen(0, '127.0.0.1');
  const long = `${enrollPath}/${'p'.repeat(10_000)}`;
  const answer = await fetch(base + long, { method: 'POST', body: '{}' });
  expect(answer.status).toBe(502);
  const health = await (await fetch(`${base}/__admin/health`)).text();
  const failure = lines.find((line) => line.includes('failed for POST'));
  expect(failure).toBeDefined();
  expect(lines.every((line) => line.length < 3000)).toBe(true);
  expect(failure).toMatch(/characters\)/);
  for (const text of [...lines, health]) expect(text).not.toMatch(/hunter2|proxyuser/);
});
