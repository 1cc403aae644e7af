import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { createJournal } from '../../src/state/create-journal.js';
import { createEventStream } from '../../src/server/console/create-event-stream.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');

const enroll = (url: string, userId: string) =>
  fetch(url + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body: JSON.stringify({ faceImage: face, userId, region: 'PHL' }),
  });

/** Reads a text/event-stream as it arrives: next() waits for the next chunk that matches. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  let ended = false;
  return {
    response,
    text: () => text,
    ended: () => ended,
    async until(pattern: RegExp, timeoutMs = 5000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (ended) throw new Error(`the stream ended before ${pattern}: ${text}`);
        if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms: ${text}`);
        const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
        if (chunk?.done) ended = true;
        else if (chunk) text += chunk.value;
      }
      return text;
    },
    close: () => controller.abort(),
  };
}

const dataLines = (text: string) => [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));

describe('GET /__admin/events', () => {
  let server: MockServer;
  let url: string;
  beforeAll(async () => {
    server = await createMockServer({
      rules: [{ name: 'events-rule', match: { userId: { prefix: 'ev-busy' } }, outcome: 'SERVICE_BUSY' }],
      maxEventClients: 2,
    });
    url = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('streams each journal entry as one data: JSON line, with its outcome, source, rule and latency', async () => {
    const stream = await openStream(url + '/__admin/events');
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.until(/journal/);
    await enroll(url, 'ev-ok');
    await enroll(url, 'ev-busy-1');
    const text = await stream.until(/ev-busy-1/);
    stream.close();
    const events = dataLines(text);
    expect(events).toEqual([
      expect.objectContaining({
        userId: 'ev-ok',
        outcome: 'SUCCESS',
        source: 'check',
        stage: 'success',
        latencyMs: expect.any(Number),
        image: { format: 'jpeg', width: 512, height: 512, byteSize: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      }),
      expect.objectContaining({ userId: 'ev-busy-1', outcome: 'SERVICE_BUSY', source: 'rule', rule: 'events-rule' }),
    ]);
    expect(text).toMatch(new RegExp(`^id: ${events[1].id}$`, 'm'));
    expect(text).not.toContain(face.slice(0, 64));
  });

  it('replays what a reconnecting client missed (Last-Event-ID) from the journal', async () => {
    const { requests } = await (await fetch(url + '/__admin/requests')).json();
    const first = requests[0].id as number;
    const stream = await openStream(url + '/__admin/events', { 'last-event-id': String(first) });
    const text = await stream.until(/ev-busy-1/);
    stream.close();
    expect(dataLines(text).map((e) => e.id)).toEqual(requests.filter((e: { id: number }) => e.id > first).map((e: { id: number }) => e.id));
  });

  it('accepts at most maxEventClients streams; one more gets 503 with Retry-After', async () => {
    // A server of its own: the streams the other tests aborted may not be closed on the server side yet.
    const own = await createMockServer({ rules: false, maxEventClients: 2 });
    const ownUrl = await own.listen(0, '127.0.0.1');
    const a = await openStream(ownUrl + '/__admin/events');
    const b = await openStream(ownUrl + '/__admin/events');
    await Promise.all([a.until(/journal/), b.until(/journal/)]);
    const third = await fetch(ownUrl + '/__admin/events');
    expect([third.status, third.headers.get('retry-after')]).toEqual([503, '5']);
    expect((await third.json()).error).toMatch(/too many live journal clients \(2\)/);
    a.close();
    b.close();
    await own.close();
  });

  it('ends open streams cleanly when the server closes', async () => {
    const own = await createMockServer({ rules: false });
    const ownUrl = await own.listen(0, '127.0.0.1');
    const stream = await openStream(ownUrl + '/__admin/events');
    await stream.until(/journal/);
    await own.close();
    // Ended by the server: the stream's end is read ("ended before"). The fallback that cuts every connection
    // after the grace period would fail the read instead (undici's "terminated").
    await expect(stream.until(/never/, 3000)).rejects.toThrow(/ended before/);
  });
});

describe('the event stream heartbeat', () => {
  let http: Server;
  beforeAll(async () => {
    const journal = createJournal(10);
    const events = createEventStream(journal, { heartbeatMs: 50 });
    http = createServer((request, response) => events.handle(request, response));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => {
    http.closeAllConnections();
    http.close();
  });

  it('sends a comment line while nothing happens, so idle proxies keep the stream', async () => {
    const stream = await openStream(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
    const text = await stream.until(/^: heartbeat /m, 2000);
    stream.close();
    expect(dataLines(text)).toEqual([]);
  });
});

describe('DELETE /__admin/enrollments/{userId}', () => {
  let server: MockServer;
  let url: string;
  beforeAll(async () => {
    server = await createMockServer({ rules: false });
    url = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it("forgets that user's faces and no one else's", async () => {
    for (const userId of ['forget-me', 'forget-me', 'keep-me']) expect((await enroll(url, userId)).status).toBe(200);
    const removed = await fetch(url + '/__admin/enrollments/forget-me', { method: 'DELETE' });
    expect(removed.status).toBe(204);
    const all = (await (await fetch(url + '/__admin/enrollments')).json()).enrollments as Array<{ userId: string }>;
    expect(all.map((face) => face.userId)).toEqual(['keep-me']);
  });

  it('answers 404 naming the userId when nobody by that id is enrolled', async () => {
    const missing = await fetch(url + '/__admin/enrollments/' + encodeURIComponent('no such/user'), { method: 'DELETE' });
    expect(missing.status).toBe(404);
    expect((await missing.json()).errors[0]).toContain('"no such/user"');
  });
});

describe('the console page', () => {
  let server: MockServer;
  let url: string;
  beforeAll(async () => {
    server = await createMockServer({ rules: false });
    url = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('is served at /__admin/ and /__admin/console, self-contained under a nonce CSP; /__admin redirects', async () => {
    for (const path of ['/__admin/', '/__admin/console']) {
      const page = await fetch(url + path);
      const csp = page.headers.get('content-security-policy')!;
      const html = await page.text();
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1]!;
      expect(html).toContain(`<script nonce="${nonce}">`);
      expect(html).not.toMatch(/(src|href)="https?:/);
    }
    const redirect = await fetch(url + '/__admin', { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([308, '/__admin/']);
    expect((await fetch(url + '/__admin/', { method: 'POST' })).status).toBe(405);
  });
});
