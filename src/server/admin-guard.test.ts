import { describe, expect, it } from 'vitest';
import {
  decideAdminAccess,
  isLoopbackAddress,
  isLoopbackHostName,
  presentedAdminToken,
  type AdminPolicy,
  type AdminRequestFacts,
} from './admin-guard.js';

const loopback: AdminPolicy = { boundAddress: '127.0.0.1' };
const get = (facts: Partial<AdminRequestFacts> = {}): AdminRequestFacts => ({ method: 'GET', host: '127.0.0.1:4010', ...facts });
const post = (facts: Partial<AdminRequestFacts> = {}): AdminRequestFacts => get({ method: 'POST', ...facts });

describe('decideAdminAccess', () => {
  const table: Array<[string, { request: AdminRequestFacts; policy: AdminPolicy; want: boolean | 401 | 403 }]> = [
    ['serves curl on loopback (no Origin, no Sec-Fetch-Site)', { request: post(), policy: loopback, want: true }],
    ['serves localhost and [::1] host names on loopback', { request: get({ host: 'localhost:4010' }), policy: loopback, want: true }],
    ['serves a *.localhost name on loopback', { request: get({ host: 'app.localhost:4010' }), policy: loopback, want: true }],
    [
      'refuses Host: attacker.example on loopback (DNS rebinding)',
      { request: get({ host: 'attacker.example:4010' }), policy: loopback, want: 403 },
    ],
    [
      'refuses a loopback-looking name that is not loopback',
      { request: get({ host: '127.0.0.1.attacker.example' }), policy: loopback, want: 403 },
    ],
    ['refuses a request with no Host on loopback', { request: get({ host: undefined }), policy: loopback, want: 403 }],
    ['refuses a POST from another origin', { request: post({ origin: 'http://attacker.example' }), policy: loopback, want: 403 }],
    ['refuses a POST from another port of localhost', { request: post({ origin: 'http://127.0.0.1:3000' }), policy: loopback, want: 403 }],
    ['refuses a POST with Origin: null (sandboxed frame, file:)', { request: post({ origin: 'null' }), policy: loopback, want: 403 }],
    [
      'refuses a DELETE marked Sec-Fetch-Site: cross-site',
      { request: get({ method: 'DELETE', secFetchSite: 'cross-site' }), policy: loopback, want: 403 },
    ],
    ['refuses a POST marked Sec-Fetch-Site: same-site', { request: post({ secFetchSite: 'same-site' }), policy: loopback, want: 403 }],
    [
      'serves a POST from the console itself (same origin)',
      { request: post({ origin: 'http://127.0.0.1:4010', secFetchSite: 'same-origin' }), policy: loopback, want: true },
    ],
    [
      'serves a cross-site GET (it changes nothing; CORS keeps its answer from the page)',
      { request: get({ secFetchSite: 'cross-site' }), policy: loopback, want: true },
    ],
    [
      'refuses every admin request bound to 0.0.0.0 without a token',
      { request: get({ host: '192.168.1.20:4010' }), policy: { boundAddress: '0.0.0.0' }, want: 403 },
    ],
    [
      'refuses bound to a LAN address without a token',
      { request: get({ host: '10.0.0.5:4010' }), policy: { boundAddress: '10.0.0.5' }, want: 403 },
    ],
    [
      'serves any Host bound to 0.0.0.0 when opened',
      { request: get({ host: 'mock.internal:4010' }), policy: { boundAddress: '0.0.0.0', open: true }, want: true },
    ],
    [
      'serves bound to :: with the right token',
      { request: get({ host: 'mock.internal', token: 'sekrit-token' }), policy: { boundAddress: '::', token: 'sekrit-token' }, want: true },
    ],
    [
      'answers 401 for a wrong token',
      { request: get({ host: 'mock.internal', token: 'guess' }), policy: { boundAddress: '::', token: 'sekrit-token' }, want: 401 },
    ],
    [
      'answers 401 for no token when one is set, even on loopback',
      { request: get(), policy: { ...loopback, token: 'sekrit-token' }, want: 401 },
    ],
    [
      'still refuses a cross-origin POST that carries the token',
      {
        request: post({ token: 'sekrit-token', origin: 'http://attacker.example' }),
        policy: { ...loopback, token: 'sekrit-token' },
        want: 403,
      },
    ],
  ];
  for (const [name, { request, policy, want }] of table) {
    it(name, () => {
      const decision = decideAdminAccess(request, policy);
      if (want === true) expect(decision).toEqual({ ok: true });
      else expect(decision).toMatchObject({ ok: false, status: want, error: expect.any(String) });
    });
  }

  it('names the Host it refused and how to open the console instead', () => {
    const decision = decideAdminAccess(get({ host: 'attacker.example' }), loopback);
    expect(decision.ok || decision.error).toMatch(/"attacker\.example".*http:\/\/127\.0\.0\.1:PORT\/__admin\//);
  });
});

describe('loopback classification', () => {
  it('tells loopback addresses from the others by their literal text', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:127.0.0.1'].map(isLoopbackAddress)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '::', '10.0.0.1', '192.168.0.2', '::ffff:10.0.0.1', 'fe80::1'].map(isLoopbackAddress)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('reads a Host header with or without its port', () => {
    expect(['localhost', 'LOCALHOST:4010', 'localhost.', '[::1]:4010', '127.0.0.1:1'].map(isLoopbackHostName)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['attacker.example', 'localhost.attacker.example', '[::2]:4010', '0.0.0.0:4010'].map(isLoopbackHostName)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('presentedAdminToken', () => {
  it('reads Authorization: Bearer, then X-Admin-Token, then ?adminToken= on a GET only', () => {
    expect(presentedAdminToken('POST', { authorization: 'Bearer abc' }, undefined)).toBe('abc');
    expect(presentedAdminToken('POST', { 'x-admin-token': 'def' }, undefined)).toBe('def');
    expect(presentedAdminToken('GET', {}, 'adminToken=ghi')).toBe('ghi');
    expect(presentedAdminToken('POST', {}, 'adminToken=ghi')).toBeUndefined();
  });
});
