import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { startCli, type RunningCli } from '../support/start-cli.js';

/** The HAR 1.2 shape (http://www.softwareishard.com/blog/har-12-spec/): every field the spec marks required. */
const nameValues = {
  type: 'array',
  items: { type: 'object', required: ['name', 'value'], properties: { name: { type: 'string' }, value: { type: 'string' } } },
};
const harSchema = {
  type: 'object',
  required: ['log'],
  properties: {
    log: {
      type: 'object',
      required: ['version', 'creator', 'entries'],
      properties: {
        version: { const: '1.2' },
        creator: { type: 'object', required: ['name', 'version'], properties: { name: { type: 'string' }, version: { type: 'string' } } },
        entries: {
          type: 'array',
          items: {
            type: 'object',
            required: ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings'],
            properties: {
              startedDateTime: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T' },
              time: { type: 'number', minimum: 0 },
              request: {
                type: 'object',
                required: ['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'headersSize', 'bodySize'],
                properties: {
                  url: { type: 'string', pattern: '^https?://' },
                  headers: nameValues,
                  queryString: nameValues,
                  cookies: { type: 'array' },
                  postData: { type: 'object', required: ['mimeType', 'text'] },
                },
              },
              response: {
                type: 'object',
                required: [
                  'status',
                  'statusText',
                  'httpVersion',
                  'cookies',
                  'headers',
                  'content',
                  'redirectURL',
                  'headersSize',
                  'bodySize',
                ],
                properties: {
                  status: { type: 'integer' },
                  headers: nameValues,
                  content: { type: 'object', required: ['size', 'mimeType'], properties: { text: { type: 'string' } } },
                },
              },
              cache: { type: 'object' },
              timings: { type: 'object', required: ['send', 'wait', 'receive'] },
            },
          },
        },
      },
    },
  },
};
const validateHar = new Ajv({ allErrors: true, strict: false }).compile(harSchema);

const faceBytes = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url));
const face = faceBytes.toString('base64');
const faceSha = createHash('sha256').update(faceBytes).digest('hex');
const TOKEN = 'har-secret-token-0123456789';

describe('HAR 1.2 from the journal and from the proxy', () => {
  let kit: RunningCli;
  let dir: string;
  beforeAll(async () => {
    kit = await startCli(['--rules', 'none']);
    dir = mkdtempSync(join(tmpdir(), 'har-'));
  }, 30_000);
  afterAll(async () => {
    await kit.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes HAR 1.2 with the image as its summary and no token, from GET /__admin/requests?format=har and proxy --record FILE.har', async () => {
    const file = join(dir, 'proxy.har');
    const proxy = await startCli(['--upstream', kit.url, '--record', file], {}, 'proxy');
    const answer = await fetch(proxy.url + enrollPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-access-token': TOKEN, authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify({ faceImage: face, userId: 'har-user', region: 'PHL' }),
    });
    expect((await answer.json()).code).toBe('SUCCESS');
    await proxy.stop();

    const journal = await fetch(kit.url + '/__admin/requests?format=har&userId=har-user');
    expect(journal.status).toBe(200);
    const journalText = await journal.text();
    const recorded = readFileSync(file, 'utf8');
    for (const [name, text] of [
      ['journal', journalText],
      ['proxy', recorded],
    ] as const) {
      const har = JSON.parse(text);
      expect(validateHar(har), `${name}: ${JSON.stringify(validateHar.errors)}`).toBe(true);
      expect(har.log.entries, name).toHaveLength(1);
      expect(har.log.entries[0].request).toMatchObject({ method: 'POST', url: expect.stringContaining(enrollPath) });
      expect(text, name).not.toContain(face.slice(0, 64));
      expect(text, name).not.toContain(TOKEN);
      expect(text.toLowerCase(), name).not.toContain('dxnlcjpwyxnz');
      expect(text.toLowerCase(), name).not.toContain('x-access-token');
    }
    // The proxy's HAR has the bodies, the image as its summary (matchable with a rule on faceImageSha256).
    const entry = JSON.parse(recorded).log.entries[0];
    expect(JSON.parse(entry.request.postData.text)).toMatchObject({
      userId: 'har-user',
      faceImage: { $image: { kind: 'base64', format: 'jpeg', bytes: faceBytes.length, sha256: faceSha } },
    });
    expect(JSON.parse(entry.response.content.text)).toMatchObject({ code: 'SUCCESS' });
  }, 60_000);

  it('refuses an unknown format, naming the two there are', async () => {
    const answer = await fetch(kit.url + '/__admin/requests?format=xml');
    expect(answer.status).toBe(400);
    expect((await answer.json()).errors).toEqual(['GET /__admin/requests: format=`xml` must be json (the default) or har (HAR 1.2)']);
  });
});
