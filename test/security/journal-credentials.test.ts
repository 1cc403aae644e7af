import { describe, expect, it } from 'vitest';
import { createResponder } from '../../src/responder/create-responder.js';
import { enrollPath } from '../../src/generated/outcomes.js';

describe('credentials in the journal', () => {
  it('keeps no credential-bearing header of an enroll, the admin token included, only its length', async () => {
    const responder = createResponder({ seed: 1 });
    const secrets = {
      'x-admin-token': 'admin-token-that-must-not-leak',
      authorization: 'Bearer bearer-that-must-not-leak',
      cookie: 'session=cookie-that-must-not-leak',
      'x-api-key': 'api-key-that-must-not-leak',
      'x-access-token': 'access-token-that-must-not-leak',
    };
    await responder.respond({
      method: 'POST',
      path: enrollPath,
      headers: { ...secrets, 'content-type': 'application/json' },
      bodyText: JSON.stringify({ userId: 'u', region: 'PHL' }),
    });
    const [entry] = responder.journal.list().requests;
    expect(JSON.stringify(entry)).not.toContain('must-not-leak');
    expect(entry!.headers!['x-admin-token']).toBe(`(${secrets['x-admin-token'].length} characters, not kept)`);
    expect(entry!.headers!['content-type']).toBe('application/json');
  });
});
