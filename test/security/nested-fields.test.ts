import { describe, expect, it } from 'vitest';
import { createResponder } from '../../src/responder/create-responder.js';
import { generateUrlPath, getResultPath } from '../../src/generated/outcomes.js';
import { MAX_KEPT_VALUE } from '../../src/core/text/kept-text.js';

describe('Generate URL fields nested past the depth bound', () => {
  it('keeps a summary of a 7 MB text at extra.a.b.c.d.e, so Get Result echoes a bounded answer', async () => {
    const responder = createResponder({ seed: 2 });
    const call = async (path: string, body: unknown) => {
      const { answer } = await responder.respond({
        method: 'POST',
        path,
        headers: { 'x-access-token': 't' },
        bodyText: JSON.stringify(body),
        origin: 'http://127.0.0.1:4010',
      });
      if (answer.kind !== 'http') throw new Error(answer.kind);
      return answer.body as string;
    };
    const huge = 'x'.repeat(7 * 1024 * 1024);
    const generated = JSON.parse(
      await call(generateUrlPath, {
        returnUrl: 'https://app.example/ok',
        failReturnUrl: 'https://app.example/fail',
        callbackUrl: 'http://127.0.0.1:9/cb',
        userId: 'deep',
        region: 'PHL',
        extra: { a: { b: { c: { d: { e: huge } } } }, wide: Array.from({ length: 64 }, () => 'y'.repeat(2048)) },
      }),
    );
    expect(generated.code).toBe('SUCCESS');
    const result = await call(getResultPath, { signatureId: generated.data.signatureId });
    // The answer holds the kept fields and the envelope around them, nothing of the 7 MB.
    expect(result.length).toBeLessThan(MAX_KEPT_VALUE + 4096);
    expect(result).toContain('deeper than 5 levels, not kept');
    expect(JSON.parse(result).data).not.toBeNull();
  });
});
