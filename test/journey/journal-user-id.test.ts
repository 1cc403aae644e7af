import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enrollPath, generateUrlPath, getEnrollPath, getResultPath } from '../../src/generated/outcomes.js';
import { createResponder } from '../../src/responder/create-responder.js';

const face = readFileSync(new URL('../../fixtures/images/face.jpg', import.meta.url)).toString('base64');
const post = (path: string, body: unknown) => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', 'x-access-token': 't' },
  bodyText: JSON.stringify(body),
});
const json = (answer: { kind: string; body?: unknown }) => JSON.parse(String(answer.body)) as Record<string, unknown>;

describe("the journal's userId on the journey's requests", () => {
  it('names the user of Get Enroll, Generate URL and Get Result, so ?userId= finds the whole journey', async () => {
    // callbackUrl is never called here: nothing completes the authentication.
    const responder = createResponder({ rules: false });
    await responder.respond(post(enrollPath, { faceImage: face, userId: 'qa-7', region: 'PHL' }));
    await responder.respond(post(getEnrollPath, { userId: 'qa-7' }));
    const generated = await responder.respond(
      post(generateUrlPath, {
        returnUrl: 'https://app.example/done',
        failReturnUrl: 'https://app.example/failed',
        callbackUrl: 'http://127.0.0.1:9/callback',
        userId: 'qa-7',
        region: 'PHL',
      }),
    );
    const { signatureId } = json(generated.answer).data as { signatureId: string };
    await responder.respond(post(getResultPath, { signatureId }));
    await responder.respond(post(getEnrollPath, { userId: 'someone-else' }));

    const { answer } = await responder.respond({ method: 'GET', path: '/__admin/requests', query: '?userId=qa-7', headers: {} });
    const paths = (json(answer).requests as { path: string }[]).map((entry) => entry.path).sort();
    expect(paths).toEqual([enrollPath, generateUrlPath, getEnrollPath, getResultPath].sort());
  });
});
