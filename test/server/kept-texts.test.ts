import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponder } from '../../src/responder/create-responder.js';
import { enrollPath, generateUrlPath } from '../../src/generated/outcomes.js';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import type { MemoryState } from '../../src/state/create-memory-state.js';
import { MAX_RULE_CHARACTERS } from '../../src/core/rules/create-rule-book.js';

// Every text the journal, the logs or a detail keeps from a request is cut to a small
// bound with its length noted, and no URL userinfo is kept. One test per path a request's text can take.

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const LONG = 100_000;
const lines: string[] = [];
const logger = {
  info: (detail: unknown, message?: string) => void lines.push(JSON.stringify([detail, message])),
  warn: (detail: unknown, message?: string) => void lines.push(JSON.stringify([detail, message])),
  error: (detail: unknown, message?: string) => void lines.push(JSON.stringify([detail, message])),
};
let server: MockServer;
let url: string;

beforeAll(async () => {
  server = await createMockServer({ logger, seed: 3 });
  url = await server.listen(0);
});
afterAll(() => server.close());

const enroll = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const response = await fetch(url + enrollPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't', ...headers },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { code: string; extra: string | null };
};
const lastEntry = () => (server.responder.state as MemoryState).journal.list().requests.at(-1)!;

describe('the journal keeps request texts bounded', () => {
  it('cuts a long region to 64 characters with its length, in the entry and in the detail', async () => {
    await enroll({ faceImage: face, userId: 'kept-region', region: 'R'.repeat(LONG) });
    const entry = lastEntry();
    expect(entry.region).toBe(`${'R'.repeat(64)}… (${LONG} characters)`);
    expect(entry.detail.length).toBeLessThan(300);
    expect(entry.detail).toContain(`(${LONG} characters)`);
  });

  it('cuts a long userId with its length noted', async () => {
    await enroll({ faceImage: face, userId: 'U'.repeat(LONG), region: 'PHL' });
    expect(lastEntry().userId).toBe(`${'U'.repeat(128)}… (${LONG} characters)`);
  });

  it('keeps no userinfo and no long text of an image URL in the detail', async () => {
    const imageUrl = `http://user:secret@127.0.0.1:9/${'a'.repeat(LONG)}.jpg`;
    await enroll({ faceImage: imageUrl, userId: 'kept-url', region: 'PHL' });
    const entry = lastEntry();
    expect(entry.outcome).toBe('PARAMETER_ERROR_CANNOT_DOWNLOAD');
    expect(entry.detail).not.toContain('secret');
    expect(entry.detail.length).toBeLessThan(500);
    expect(entry.faceImageLength).toBe(imageUrl.length);
  });

  it('keeps no userinfo of a URL in a header value, whole or running past the cut', async () => {
    await enroll({ faceImage: face, userId: 'kept-referer', region: 'PHL' }, { referer: 'http://user:secret@app.example/page' });
    expect(lastEntry().headers!['referer']).toBe('http://app.example/page');
    await enroll({ faceImage: face, userId: 'kept-referer', region: 'PHL' }, { referer: `http://user:${'s'.repeat(1000)}@app.example/` });
    expect(lastEntry().headers!['referer']).not.toMatch(/user|sss/);
  });

  it('keeps a long content type cut in the detail', async () => {
    await enroll({ faceImage: face, userId: 'kept-type', region: 'PHL' }, { 'content-type': `text/plain; x=${'c'.repeat(10_000)}` });
    expect(lastEntry().detail.length).toBeLessThan(300);
  });

  it('names a long runtime rule by a cut label in the rules list, the journal and the log', async () => {
    // As long as a runtime rule may be (MAX_RULE_CHARACTERS of JSON): a longer one is refused before it is kept.
    const ruleName = 'N'.repeat(MAX_RULE_CHARACTERS - 200);
    const name = ruleName;
    const added = await fetch(`${url}/__admin/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, match: { userId: 'kept-rule' }, outcome: 'ERROR' }),
    });
    expect(added.status).toBe(201);
    await enroll({ faceImage: face, userId: 'kept-rule', region: 'PHL' });
    const listed = (await (await fetch(`${url}/__admin/rules`)).json()) as { rules: Array<{ label: string }> };
    expect(listed.rules[0]!.label).toBe(`${'N'.repeat(100)}… (${ruleName.length} characters)`);
    expect(lastEntry().rule!.length).toBeLessThan(150);
    expect(lastEntry().detail.length).toBeLessThan(200);
    await fetch(`${url}/__admin/rules`, { method: 'DELETE' });
    const tooLong = await fetch(`${url}/__admin/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'N'.repeat(LONG), match: { userId: 'kept-rule' }, outcome: 'ERROR' }),
    });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(await tooLong.json()).length).toBeLessThan(1000);
  });
});

describe('envelope details (extra) keep request texts bounded', () => {
  it('notes the length of a long Prefer example name it quotes', async () => {
    const { code, extra } = await enroll(
      { faceImage: face, userId: 'kept-prefer', region: 'PHL' },
      { prefer: `example=${'P'.repeat(10_000)}` },
    );
    expect(code).toBe('CLIENT_ERROR');
    expect(extra).toContain(`${'P'.repeat(64)}… (10000 characters)`);
  });

  it('notes the length of a long X-Mock-Fault name it quotes', async () => {
    const { extra } = await enroll({ faceImage: face, userId: 'kept-fault', region: 'PHL' }, { 'x-mock-fault': 'F'.repeat(10_000) });
    expect(extra).toContain(`${'F'.repeat(64)}… (10000 characters)`);
  });
});

describe('the server log keeps request texts bounded', () => {
  it('cuts a long path, Host and Origin in every line, and keeps no userinfo', async () => {
    lines.length = 0;
    await fetch(`${url}/${'p'.repeat(12_000)}`, { method: 'POST', body: '{}' });
    await fetch(`${url}/__admin/reset`, {
      method: 'POST',
      headers: { origin: `http://user:secret@evil.example/${'o'.repeat(12_000)}` },
    });
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line.length).toBeLessThan(3000);
      expect(line).not.toContain('secret');
    }
  });
});

describe('admin answers keep request texts bounded', () => {
  it('cuts an unknown runtime rule id it quotes', async () => {
    const answer = await fetch(`${url}/__admin/rules/${'i'.repeat(12_000)}`, { method: 'DELETE' });
    expect(answer.status).toBe(404);
    expect((await answer.text()).length).toBeLessThan(500);
  });

  it('cuts an unknown admin path it quotes', async () => {
    const answer = await fetch(`${url}/__admin/${'q'.repeat(12_000)}`);
    expect(answer.status).toBe(404);
    expect((await answer.text()).length).toBeLessThan(3000);
  });
});

describe('the journey keeps request texts bounded', () => {
  const generate = (responder: ReturnType<typeof createResponder>, body: Record<string, unknown>) =>
    responder.respond({
      method: 'POST',
      path: generateUrlPath,
      headers: { 'x-access-token': 't' },
      bodyText: JSON.stringify({ returnUrl: 'https://app.example/ok', failReturnUrl: 'https://app.example/no', userId: 'j', ...body }),
      origin: 'http://127.0.0.1:4010',
    });

  it('cuts a long region in the generate-url detail', async () => {
    const responder = createResponder({ seed: 1 });
    await generate(responder, { callbackUrl: 'http://127.0.0.1:9/cb', region: 'R'.repeat(LONG) });
    const entry = responder.journal.list().requests.at(-1)!;
    expect(entry.outcome).toBe('PARAMETER_ERROR_REGION_WRONG');
    expect(entry.detail.length).toBeLessThan(300);
  });

  it('keeps the fields of generate-url bounded in the authentication (get-result, the admin API)', async () => {
    const responder = createResponder({ seed: 1 });
    const { answer } = await generate(responder, {
      callbackUrl: 'http://127.0.0.1:9/cb',
      region: 'PHL',
      bizId: 'B'.repeat(LONG),
      extra: 'E'.repeat(LONG),
    });
    const { data } = JSON.parse((answer as { body: string }).body) as { data: { signatureId: string } };
    const kept = responder.authentications.get(data.signatureId)!.inputParameters;
    expect(kept['bizId']).toBe(`${'B'.repeat(2048)}… (${LONG} characters)`);
    expect(JSON.stringify(kept).length).toBeLessThan(6000);
    expect(kept['callbackUrl']).toBe('http://127.0.0.1:9/cb');
  });

  it('keeps no userinfo of a callback URL in the journal (its path and its detail)', async () => {
    const responder = createResponder({ seed: 1, callback: { retries: 0 } });
    const { answer } = await generate(responder, { callbackUrl: 'http://user:secret@127.0.0.1:9/cb', region: 'PHL' });
    const { data } = JSON.parse((answer as { body: string }).body) as { data: { signatureId: string } };
    const outcome = await responder.complete(data.signatureId, { result: 'PASS' });
    if (!outcome.ok) throw new Error(outcome.error);
    await outcome.delivery;
    const callback = responder.journal.list().requests.find((entry) => entry.outcome.startsWith('CALLBACK_COMPLETED'))!;
    expect(callback.path).toBe('http://127.0.0.1:9/cb');
    expect(JSON.stringify(callback)).not.toContain('secret');
  });
});
