import { describe, expect, it } from 'vitest';
import { resolveMockOptions } from './resolve-mock-options.js';
import { sha256Hex } from '../crypto/sha256-hex.js';

describe('resolveMockOptions', () => {
  it('fills in every default MockOptions documents for an option left out', () => {
    const resolved = resolveMockOptions({ rules: false });
    expect(resolved).toMatchObject({
      rules: [],
      token: 'any',
      keys: [{ accessKey: 'test-access-key', secretKey: 'test-secret-key' }],
      image: {},
      journalSize: 1000,
      strict: false,
      traceHeader: false,
      imageUrlTtlSeconds: 3600,
      imageMemoryBytes: 64 * 1024 * 1024,
      maxUsers: 100_000,
      similarityThreshold: 70,
      maxAuthentications: 10_000,
      callback: { retries: 3, backoffMs: 1000, timeoutMs: 5000, submitCompleted: false },
    });
    expect(resolved.digest).toBe(sha256Hex);
    expect(resolved.now()).toBeInstanceOf(Date);
    expect(typeof resolved.callback.fetch).toBe('function');
    // Without a default, an option stays absent: no seed (random ids), no fault, no rate limit, every region.
    for (const open of ['seed', 'fault', 'rateLimit', 'delay', 'regions', 'signingKey', 'replicaId', 'publicUrl'] as const)
      expect(resolved[open]).toBeUndefined();
  });

  it("keeps what the caller gave over each default, the callback's hooks included", () => {
    const warn = () => {};
    const resolved = resolveMockOptions({
      rules: false,
      token: 'issued',
      journalSize: 5,
      similarityThreshold: 90,
      callback: { retries: 0, warn },
    });
    expect(resolved).toMatchObject({ token: 'issued', journalSize: 5, similarityThreshold: 90 });
    expect(resolved.callback).toMatchObject({ retries: 0, backoffMs: 1000, warn });
  });

  it('makes the regions a set once, for every stage and the journey alike', () => {
    expect(resolveMockOptions({ rules: false, regions: ['PHL', 'IDN', 'PHL'] }).regions).toEqual(new Set(['PHL', 'IDN']));
  });

  it("checks the rules once: the kit's file by default, none for false, and says how to fix bad ones", () => {
    expect(resolveMockOptions({}).rules.length).toBeGreaterThan(0);
    expect(resolveMockOptions({ rules: [{ outcome: 'ERROR' }] }).rules).toEqual([{ outcome: 'ERROR' }]);
    expect(() => resolveMockOptions({ rules: [{ outcome: 'NOPE' as 'ERROR' }] }, 'my-rules')).toThrow(
      /fixture rules are invalid:[\s\S]*Fix the rules, or pass rules: false/,
    );
  });
});
