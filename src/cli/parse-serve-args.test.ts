import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './parse-serve-args.js';
import { resolveMockOptions } from '../core/settings/resolve-mock-options.js';
import { resolveNodeRules } from '../node/resolve-node-rules.js';
import type { ServerOptions } from '../server/server-options.js';

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

describe('parseServeArgs: defaults', () => {
  // JSON leaves the functions out (clock, digest, fetch): what is compared is every value a default gives.
  const settings = (options: ServerOptions) => {
    const { rules, ...rest } = options;
    const resolved = resolveMockOptions({ ...rest, rules: resolveNodeRules(rules) });
    return JSON.parse(JSON.stringify(resolved, (key, value) => (value instanceof Set ? [...value] : value)));
  };
  const own = settings({});

  it('leaves every default to the options, so serve without flags runs as the other adapters do', () => {
    const parsed = parseServeArgs([], {});
    if (!parsed.ok) throw new Error(parsed.error);
    const resolved = settings(parsed.args.options);
    expect(Object.fromEntries(Object.keys(own).map((key) => [key, resolved[key]]))).toEqual(own);
  });

  it('passes each flag given through to the option of its name', () => {
    const flags = ['--journal-size', '7', '--image-url-ttl', '9', '--similarity-threshold', '80', '--callback-retries', '1'];
    const parsed = parseServeArgs([...flags, '--max-users', '3', '--seed', '4'], {});
    if (!parsed.ok) throw new Error(parsed.error);
    expect(settings(parsed.args.options)).toMatchObject({
      journalSize: 7,
      imageUrlTtlSeconds: 9,
      similarityThreshold: 80,
      callback: { retries: 1, backoffMs: own.callback.backoffMs },
      maxUsers: 3,
      seed: 4,
    });
  });
});
