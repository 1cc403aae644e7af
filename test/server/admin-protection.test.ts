import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import type { MemoryState } from '../../src/state/create-memory-state.js';
import { enrollmentWithoutImage } from '../support/enrollment-without-image.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');

/** node:http, not fetch, so the Host header can be forged; every request goes to 127.0.0.1. */
function send(url: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { port } = new URL(url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const enroll = (url: string, userId: string, headers: Record<string, string> = {}) =>
  send(url, enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't', ...headers },
    body: JSON.stringify({ faceImage: face, userId, region: 'PHL' }),
  });

describe('the admin API on a loopback server', () => {
  let server: MockServer;
  let url: string;
  beforeAll(async () => {
    server = await createMockServer({ rules: false });
    url = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('sends no CORS headers to another origin, on a request or a preflight', async () => {
    const read = await send(url, '/__admin/requests', { headers: { origin: 'http://attacker.example' } });
    expect(read.status).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await send(url, '/__admin/reset', {
      method: 'OPTIONS',
      headers: { origin: 'http://attacker.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('refuses a text/plain POST /__admin/reset from another origin, and the store keeps its faces', async () => {
    await (server.responder.state as MemoryState).enrollments.seed([
      enrollmentWithoutImage('kept', { enrolledAt: new Date().toISOString(), transactionId: '1' }),
    ]);
    const refused = await send(url, '/__admin/reset', {
      method: 'POST',
      headers: { origin: 'http://attacker.example', 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error).toContain('http://attacker.example');
    expect(server.store.faces('kept')).toHaveLength(1);
  });

  it('refuses a state change marked Sec-Fetch-Site: cross-site even without Origin', async () => {
    const refused = await send(url, '/__admin/rules', { method: 'DELETE', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(refused.status).toBe(403);
  });

  it('refuses Host: attacker.example (DNS rebinding), reads and the console page alike', async () => {
    for (const path of ['/__admin/requests', '/__admin/', '/__admin/events']) {
      const refused = await send(url, path, { headers: { host: 'attacker.example' } });
      expect([path, refused.status]).toEqual([path, 403]);
    }
  });

  it('serves loopback host names and a same-origin change from the console', async () => {
    const port = new URL(url).port;
    expect((await send(url, '/__admin/health', { headers: { host: `localhost:${port}` } })).status).toBe(200);
    const own = await send(url, '/__admin/requests', {
      method: 'DELETE',
      headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(204);
  });

  it('keeps the mocked API open to any origin and any Host, as Prism does', async () => {
    const answer = await enroll(url, 'any-origin', { origin: 'http://attacker.example', host: 'attacker.example' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'SUCCESS' });
    expect(answer.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('the admin API with --admin-token', () => {
  let server: MockServer;
  let url: string;
  beforeAll(async () => {
    server = await createMockServer({ rules: false, adminToken: 'qa-token-123' });
    url = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('answers 401 without the token and serves it by header or, on GET, by query', async () => {
    const none = await send(url, '/__admin/requests');
    expect([none.status, none.headers['www-authenticate']]).toEqual([401, expect.stringMatching(/^Bearer/)]);
    expect((await send(url, '/__admin/requests', { headers: { 'x-admin-token': 'wrong-token' } })).status).toBe(401);
    expect((await send(url, '/__admin/requests', { headers: { authorization: 'Bearer qa-token-123' } })).status).toBe(200);
    expect((await send(url, '/__admin/?adminToken=qa-token-123')).status).toBe(200);
    expect((await send(url, '/__admin/reset?adminToken=qa-token-123', { method: 'POST' })).status).toBe(401);
    expect((await send(url, '/__admin/reset', { method: 'POST', headers: { 'x-admin-token': 'qa-token-123' } })).status).toBe(204);
  });

  it('leaves the mocked API without a token', async () => {
    expect((await enroll(url, 'no-admin-token')).status).toBe(200);
  });
});
