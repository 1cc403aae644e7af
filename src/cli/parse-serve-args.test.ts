import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './parse-serve-args.js';

describe('parseServeArgs: admin protection flags', () => {
  it('takes --admin-token, or MOCK_ADMIN_TOKEN when the flag is absent', () => {
    expect(parseServeArgs(['--admin-token', 'flag-token-1'], { MOCK_ADMIN_TOKEN: 'env-token-1' })).toMatchObject({
      ok: true,
      args: { options: { adminToken: 'flag-token-1' } },
    });
    expect(parseServeArgs([], { MOCK_ADMIN_TOKEN: 'env-token-1' })).toMatchObject({
      ok: true,
      args: { options: { adminToken: 'env-token-1' } },
    });
  });

  it('refuses a token too short to guess-proof, naming the flag', () => {
    expect(parseServeArgs(['--admin-token', 'abc'], {})).toEqual({
      ok: false,
      error: expect.stringMatching(/^--admin-token .*at least 8/),
    });
  });

  it('opens the admin API only with --open-admin', () => {
    const closed = parseServeArgs(['--host', '0.0.0.0'], {});
    expect(closed.ok && closed.args.options.openAdmin).toBeFalsy();
    expect(parseServeArgs(['--host', '0.0.0.0', '--open-admin'], {})).toMatchObject({ ok: true, args: { options: { openAdmin: true } } });
  });
});

describe('parseServeArgs: names typed in any case', () => {
  it('takes --fault, --token and --log-level choices without regard to case', () => {
    expect(parseServeArgs(['--fault', 'Gateway-502', '--token', 'ISSUED', '--log-level', 'Debug'], {})).toMatchObject({
      ok: true,
      args: { options: { fault: 'gateway-502', token: 'issued' } },
    });
  });
});

describe('parseServeArgs: one flag per concept', () => {
  it('takes the token mode only as --token, refusing the old --require-token and --allow-missing-token', () => {
    for (const flag of ['--require-token', '--allow-missing-token']) {
      expect(parseServeArgs([flag], {})).toEqual({ ok: false, error: expect.stringMatching(new RegExp(`^unknown option ${flag}\\b`)) });
    }
    expect(parseServeArgs(['--token', 'off'], {})).toMatchObject({ ok: true, args: { options: { token: 'off' } } });
  });
});
