import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './parse-serve-args.js';

describe('parseServeArgs: shared store flags', () => {
  it('takes --store redis://, or MOCK_STORE when the flag is absent; memory is no store URL', () => {
    expect(parseServeArgs(['--store', 'redis://10.0.0.5:6379/2'], { MOCK_STORE: 'memory' })).toMatchObject({
      ok: true,
      args: { options: { storeUrl: 'redis://10.0.0.5:6379/2' } },
    });
    expect(parseServeArgs([], { MOCK_STORE: 'redis://cache:6379' })).toMatchObject({
      ok: true,
      args: { options: { storeUrl: 'redis://cache:6379' } },
    });
    const memory = parseServeArgs(['--store', 'memory'], {});
    expect(memory.ok && memory.args.options.storeUrl).toBeUndefined();
  });

  it('refuses another store, naming the flag and the forms it takes, without echoing a password', () => {
    const refused = parseServeArgs(['--store', 'mongodb://user:secret@db:27017'], {});
    expect(refused).toEqual({
      ok: false,
      error: expect.stringMatching(/^--store \(or MOCK_STORE\) must be memory or redis:\/\/HOST:PORT\[\/DB\]/),
    });
    expect(!refused.ok && refused.error).not.toContain('secret');
  });

  it('takes --signing-key or MOCK_SIGNING_KEY, at least 16 characters, and --max-users', () => {
    expect(parseServeArgs([], { MOCK_SIGNING_KEY: 'a-shared-signing-key' })).toMatchObject({
      ok: true,
      args: { options: { signingKey: 'a-shared-signing-key' } },
    });
    expect(parseServeArgs(['--signing-key', 'short'], {})).toEqual({
      ok: false,
      error: expect.stringMatching(/^--signing-key .*at least 16/),
    });
    expect(parseServeArgs(['--max-users', '500'], {})).toMatchObject({ ok: true, args: { options: { maxUsers: 500 } } });
    expect(parseServeArgs(['--max-users', '0'], {})).toEqual({
      ok: false,
      error: expect.stringMatching(/^--max-users must be a whole number from 1/),
    });
  });
});
