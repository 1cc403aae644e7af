import { createServer, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponder } from '../../src/responder/create-responder.js';
import { generateUrlPath } from '../../src/generated/outcomes.js';
import { createGuardedFetch } from '../../src/node/create-guarded-fetch.js';

// Loopback only. The callback's first host is `localhost`, which the guard below lets through as the stand-in for an
// attacker's public host; the address literals it redirects to are what an exposed server refuses.
const allowHost = (host: string) => isIP(host.replace(/^\[|\]$/g, '')) === 0;

const listen = async (server: Server, host: string) => {
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
};

let internalHits = 0;
let loopHits = 0;
const internal4 = createServer((_req, res) => (internalHits++, res.writeHead(200).end()));
const internal6 = createServer((_req, res) => (internalHits++, res.writeHead(200).end()));
const redirector = createServer((req, res) => {
  if (req.url === '/loop') return void (loopHits++, res.writeHead(302, { location: '/loop' }).end());
  res.writeHead(307, { location: decodeURIComponent(req.url!.slice('/to/'.length)) }).end();
});
let port4 = 0;
let port6: number | null = null;
let hookPort = 0;

beforeAll(async () => {
  port4 = await listen(internal4, '127.0.0.1');
  port6 = await listen(internal6, '::1').catch(() => null); // a machine without IPv6 loopback tests the IPv4 forms
  hookPort = await listen(redirector, '127.0.0.1');
});
afterAll(() => {
  for (const server of [internal4, internal6, redirector]) server.close();
});

async function completeWithCallback(callbackUrl: string, options: { retries: number; warn?: (m: string) => void }) {
  const responder = createResponder({
    seed: 9,
    callback: { retries: options.retries, backoffMs: 1, timeoutMs: 2000, allowHost, ...(options.warn ? { warn: options.warn } : {}) },
  });
  const { answer } = await responder.respond({
    method: 'POST',
    path: generateUrlPath,
    headers: { 'x-access-token': 't' },
    bodyText: JSON.stringify({
      returnUrl: 'https://app.example/ok',
      failReturnUrl: 'https://app.example/fail',
      callbackUrl,
      userId: 'cb-user',
      region: 'PHL',
    }),
  });
  const { data } = JSON.parse((answer as { body: string }).body);
  const done = await responder.complete(data.signatureId, { result: 'FAIL' });
  if (!done.ok) throw new Error(done.error);
  const attempts = await done.delivery;
  return { attempts, journal: responder.journal.list().requests.filter((entry) => entry.outcome.startsWith('CALLBACK_')) };
}

describe('callback redirects', () => {
  it('never reach a loopback address behind an allowed first host, by any literal form', async () => {
    const targets = [`http://127.0.0.1:${port4}/admin`, `http://[::ffff:7f00:1]:${port4}/admin`];
    if (port6 !== null) targets.push(`http://[::1]:${port6}/admin`);
    for (const target of targets) {
      const { journal } = await completeWithCallback(`http://localhost:${hookPort}/to/${encodeURIComponent(target)}`, { retries: 3 });
      expect(journal).toHaveLength(1);
      expect(journal[0]).toMatchObject({ outcome: 'CALLBACK_COMPLETED_FAILED', status: 0 });
      expect(journal[0]!.detail).toMatch(/refused: .* is a private or loopback address.*; no more retries follow$/);
    }
    expect(internalHits).toBe(0);
  });

  it('stop a redirect loop after three hops, with no retry: four requests in all', async () => {
    const { journal } = await completeWithCallback(`http://localhost:${hookPort}/loop`, { retries: 3 });
    expect(loopHits).toBe(4);
    expect(journal).toMatchObject([{ outcome: 'CALLBACK_COMPLETED_FAILED', status: 302 }]);
    expect(journal[0]!.detail).toContain('more than 3 redirects; no more retries follow');
  });

  it('are never followed by the server guarded fetch itself, so every hop goes through its caller', async () => {
    const fetch = createGuardedFetch({ refusePrivate: false });
    try {
      const response = await fetch(new Request(`http://127.0.0.1:${hookPort}/loop`, { redirect: 'follow' }));
      expect(response.status).toBe(302);
    } finally {
      await fetch.close();
    }
  });
});

describe('failed callbacks', () => {
  it('are journaled as failures with their reason and given as warnings; the last says no retry follows', async () => {
    const warnings: string[] = [];
    // Port 9 (discard) on loopback: nothing listens, the connection is refused.
    const { attempts, journal } = await completeWithCallback('http://localhost:9/cb', { retries: 1, warn: (m) => warnings.push(m) });
    expect(attempts).toHaveLength(2);
    expect(journal.map((entry) => [entry.outcome, entry.status])).toEqual([
      ['CALLBACK_COMPLETED_FAILED', 0],
      ['CALLBACK_COMPLETED_FAILED', 0],
    ]);
    expect(journal[0]!.detail).toMatch(/attempt 1 of 2: network error: .*; retrying in 1 ms$/);
    expect(journal[1]!.detail).toMatch(/attempt 2 of 2: network error: .*; no more retries follow$/);
    expect(warnings).toEqual(journal.map((entry) => entry.detail));
  });
});
