import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRules } from './parse-rules.js';
import { outcomeNames } from '../outcome-catalog.js';

describe('parseRules', () => {
  it('accepts the default rules file that ships with the kit', () => {
    const text = readFileSync(new URL('../../../fixtures/rules.yaml', import.meta.url), 'utf8');
    const parsed = parseRules(text, 'fixtures/rules.yaml');
    expect(parsed.ok && parsed.rules.map((r) => r.name)).toEqual([
      'server-error-users',
      'low-quality-users',
      'slow-users',
      'flaky-users',
      'forced-outcome-header',
      'liveness-attack-users',
      ...outcomeNames.map((name) => `${name.toLowerCase()}-users`),
    ]);
  });

  it('accepts JSON text and already parsed values', () => {
    expect(parseRules('{"rules": [{"outcome": "ERROR"}]}')).toEqual({ ok: true, rules: [{ outcome: 'ERROR' }] });
    expect(parseRules({ rules: [] })).toEqual({ ok: true, rules: [] });
  });

  it('names the file, the rule and the field of an unknown outcome, listing the valid ones', () => {
    const parsed = parseRules('rules:\n  - name: typo\n    outcome: SUCESS\n', 'qa.yaml');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatch(/^qa\.yaml: rule #1 \("typo"\) at outcome: must be one of SUCCESS, REGION_WRONG, /);
  });

  it('names an unknown field in a match', () => {
    const parsed = parseRules({ rules: [{ outcome: 'ERROR' }, { match: { user: 'x' }, outcome: 'ERROR' }] }, 'r.json');
    expect(parsed).toEqual({ ok: false, errors: ['r.json: rule #2 at match: unknown field "user"'] });
  });

  it('names a matcher with two operators', () => {
    const parsed = parseRules({ rules: [{ match: { userId: { prefix: 'a', regex: 'b' } }, outcome: 'ERROR' }] }, 'r');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.join('\n')).toContain('r: rule #1 at match.userId:');
  });

  it('names a regular expression that does not compile', () => {
    const parsed = parseRules({ rules: [{ name: 're', match: { headers: { 'X-A': { regex: '(' } } }, outcome: 'ERROR' }] }, 'r');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors[0]).toMatch(/^r: rule #1 \("re"\) at match\.headers\.X-A\.regex: not a valid regular expression/);
  });

  it('refuses a pattern the linear-time engine cannot run, naming the rule and the field', () => {
    const parsed = parseRules(
      {
        rules: [
          { name: 'backref', match: { userId: { regex: '^(a)\\1$' } }, outcome: 'ERROR' },
          { match: { faceImage: { regex: 'x(?=y)' } }, outcome: 'ERROR' },
          { match: { region: { regex: '^(a+)+$' } }, outcome: 'ERROR' },
        ],
      },
      'r',
    );
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      expect.stringMatching(/^r: rule #1 \("backref"\) at match\.userId\.regex: not a valid regular expression .*RE2 syntax.*\\1/),
      expect.stringMatching(/^r: rule #2 at match\.faceImage\.regex: not a valid regular expression .*\(\?=/),
    ]);
  });

  it('refuses a delay range whose min is above its max, and a probability above 1', () => {
    const parsed = parseRules(
      {
        rules: [
          { outcome: 'ERROR', delay: [10, 5] },
          { outcome: 'ERROR', probability: 2 },
        ],
      },
      'r',
    );
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual(['r: rule #2 at probability: must be <= 1']);
    const ranged = parseRules({ rules: [{ outcome: 'ERROR', delay: [10, 5] }] }, 'r');
    expect(!ranged.ok && ranged.errors).toEqual(['r: rule #1 at delay: the range [10, 5] has min above max']);
  });

  it('explains text that is not YAML', () => {
    const parsed = parseRules('rules: [\n', 'broken.yaml');
    expect(!parsed.ok && parsed.errors[0]).toMatch(/^broken\.yaml: not valid YAML or JSON: /);
  });

  it('requires a rules list', () => {
    expect(parseRules({}, 'r')).toEqual({ ok: false, errors: ["r: must have required property 'rules'"] });
  });
});
