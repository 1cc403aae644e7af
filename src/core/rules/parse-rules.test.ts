import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRules } from './parse-rules.js';
import { outcomeNames } from '../envelope/outcome-catalog.js';
import { tokenOutcomeNames } from '../../generated/outcomes.js';

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

  it('suggests the outcome a name in lower case stands for', () => {
    const parsed = parseRules('rules:\n  - outcome: service_busy\n', 'qa.yaml');
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      expect.stringContaining('`outcome: service_busy` is not one of the names it takes: did you mean `SERVICE_BUSY`?'),
    ]);
  });

  it('names the file, the rule and the field of an unknown outcome, with the nearest name and the valid ones', () => {
    const parsed = parseRules('rules:\n  - name: typo\n    outcome: SUCESS\n', 'qa.yaml');
    expect(parsed).toEqual({
      ok: false,
      errors: [
        `qa.yaml: rule 1 (\`typo\`): \`outcome: SUCESS\` is not one of the names it takes: did you mean \`SUCCESS\`? Or write one of ${outcomeNames.join(', ')}`,
      ],
    });
  });

  it('says what to add to a rule with neither outcome nor fault', () => {
    const parsed = parseRules({ rules: [{ outcome: 'ERROR' }, { outcome: 'ERROR' }, { name: 'slow-users', delay: 300 }] }, 'r');
    expect(parsed).toEqual({
      ok: false,
      errors: [
        `r: rule 3 (\`slow-users\`) has neither \`outcome\` nor \`fault\`: add \`outcome: <one of ${outcomeNames.join(', ')}>\` or ` +
          '`fault: <one of reset, hang, malformed, gateway-502, gateway-504>` (or `sequence:` of them, or `authentication:` for the H5 page)',
      ],
    });
  });

  it('reports every unknown key of every rule at once, each with the nearest known key', () => {
    const parsed = parseRules(
      {
        rules: [
          { outcom: 'ERROR', outcome: 'ERROR', tims: 2 },
          { match: { user: 'x', regoin: 'PHL' }, outcome: 'ERROR' },
        ],
      },
      'r.json',
    );
    expect(!parsed.ok && parsed.errors).toEqual([
      expect.stringMatching(
        /^r\.json: rule 1: unknown key `outcom`: did you mean `outcome`\? Or write one of `name`, `description`, `operation`, `match`, /,
      ),
      expect.stringMatching(/^r\.json: rule 1: unknown key `tims`: did you mean `times`\? /),
      expect.stringMatching(
        /^r\.json: rule 2: unknown key `user` in `match`: did you mean `userId`\? Or write one of `userId`, `region`, /,
      ),
      expect.stringMatching(/^r\.json: rule 2: unknown key `regoin` in `match`: did you mean `region`\? /),
    ]);
  });

  it("says what to write for an empty file, a top-level list and a missing rules key, never Ajv's wording", () => {
    expect(parseRules('', 'qa.yaml')).toEqual({
      ok: false,
      errors: [
        'qa.yaml: the file is empty: write `rules:` followed by a list of rules, such as `- { match: { userId: alice }, outcome: ERROR }`',
      ],
    });
    expect(parseRules('# only a comment\n', 'qa.yaml')).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('the file is empty')],
    });
    expect(parseRules('- outcome: ERROR\n', 'qa.yaml')).toEqual({
      ok: false,
      errors: ['qa.yaml: the top level is a list: put it under `rules:` (a first line `rules:`, the list indented below it)'],
    });
    expect(parseRules('rule:\n  - outcome: ERROR\n', 'qa.yaml')).toEqual({
      ok: false,
      errors: [
        'qa.yaml: there is no `rules:` list: write `rules:` followed by a list of rules',
        'qa.yaml: unknown key `rule` at the top level: did you mean `rules`? Or write one of `$schema`, `rules`',
      ],
    });
    expect(parseRules('rules: 3\n', 'qa.yaml')).toEqual({
      ok: false,
      errors: ['qa.yaml: `rules` is number `3`: write a list under it, one `- ` item a rule'],
    });
  });

  it('explains a matcher, a delay and a type in words, never "must match exactly one schema in oneOf" or "must be object"', () => {
    const parsed = parseRules(
      {
        rules: [
          { match: { userId: { prefix: 'a', regex: 'b' } }, outcome: 'ERROR' },
          { match: { region: { prefx: 'P' } }, outcome: 'ERROR', delay: 'slow' },
          { match: 'alice', outcome: 'ERROR', times: 0 },
          'ERROR',
        ],
      },
      'r',
    );
    expect(!parsed.ok && parsed.errors).toEqual([
      'r: rule 1: `match.userId` has prefix and regex: keep one (a rule with both needs two rules)',
      'r: rule 2: unknown key `prefx` in `match.region`: did you mean `prefix`? Or write one of `equals`, `prefix`, `suffix`, `contains`, `regex`',
      'r: rule 2: `delay` must be milliseconds from 0 to 600000, or `[min, max]` (two of them), got `slow`',
      'r: rule 3: `match` must be a mapping (`key: value` lines), got the text `alice`',
      'r: rule 3: `times` must be at least 1, got `0`',
      'r: rule 4 is the text `ERROR`: write a mapping, such as `- { match: { userId: alice }, outcome: ERROR }`',
    ]);
    expect((!parsed.ok && parsed.errors.join('\n')) || '').not.toMatch(/must match|must be object|must NOT have/);
  });

  it('names a regular expression that does not compile', () => {
    const parsed = parseRules({ rules: [{ name: 're', match: { headers: { 'X-A': { regex: '(' } } }, outcome: 'ERROR' }] }, 'r');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors[0]).toMatch(
      /^r: rule 1 \(`re`\): `match\.headers\.X-A\.regex` is not a regular expression the kit's linear-time engine runs/,
    );
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
      expect.stringMatching(/^r: rule 1 \(`backref`\): `match\.userId\.regex` is not a regular expression .*RE2 syntax.*\\1/),
      expect.stringMatching(/^r: rule 2: `match\.faceImage\.regex` is not a regular expression .*\(\?=/),
    ]);
  });

  it("reports a delay range whose min is above its max beside the schema's problems, in rule order", () => {
    const parsed = parseRules(
      {
        rules: [
          { outcome: 'ERROR', delay: [10, 5] },
          { outcome: 'ERROR', probability: 2 },
        ],
      },
      'r',
    );
    expect(!parsed.ok && parsed.errors).toEqual([
      'r: rule 1: `delay: [10, 5]` has its min above its max: write `[5, 10]`',
      'r: rule 2: `probability` must be at most 1, got `2`',
    ]);
  });

  it("shows a YAML slip with the yaml library's code frame, at the line and column of the misplaced key", () => {
    const parsed = parseRules('rules:\n  - name: a\n   outcome: ERROR\n', 'broken.yaml');
    expect(parsed).toEqual({
      ok: false,
      errors: ['broken.yaml:3:4: not valid YAML: Sequence item without - indicator\n    - name: a\n     outcome: ERROR\n     ^'],
    });
    const duplicate = parseRules('rules:\n  - outcome: ERROR\n    outcome: SUCCESS\n', 'dup.yaml');
    expect(!duplicate.ok && duplicate.errors[0]).toBe(
      'dup.yaml:3:5: not valid YAML: Map keys must be unique\n    - outcome: ERROR\n      outcome: SUCCESS\n      ^',
    );
  });

  describe('rules of generate-token (`operation: generateToken`)', () => {
    it('accepts an accessKey and headers matcher with an outcome, a sequence and a fault of the token catalog', () => {
      const rules = [
        { operation: 'generateToken', match: { accessKey: { prefix: 'disabled-' } }, outcome: 'ACCOUNT_DISABLED' },
        { operation: 'generateToken', match: { headers: { 'x-case': 'busy' } }, sequence: ['SERVICE_BUSY', 'reset', 'SUCCESS'] },
        { operation: 'saveEnroll', match: { userId: 'alice' }, outcome: 'REGION_WRONG' },
      ];
      expect(parseRules({ rules }, 'r')).toEqual({ ok: true, rules });
    });

    it("accepts the QA guide's token rules example", () => {
      const guide = readFileSync(new URL('../../../docs/qa-and-console.md', import.meta.url), 'utf8');
      const example = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.includes('generateToken'));
      const parsed = parseRules(example, 'docs/qa-and-console.md');
      expect(parsed.ok && parsed.rules.map((rule) => rule.operation)).toEqual(['generateToken', 'generateToken']);
    });

    it('refuses an enroll matcher on a token rule and accessKey on an enroll rule, naming the rule and the field', () => {
      const parsed = parseRules(
        {
          rules: [
            { name: 'token-by-user', operation: 'generateToken', match: { userId: 'alice', faceImageKind: 'url' }, outcome: 'SUCCESS' },
            { name: 'enroll-by-key', match: { accessKey: 'k' }, outcome: 'ERROR' },
          ],
        },
        'qa.yaml',
      );
      expect(!parsed.ok && parsed.errors).toEqual([
        'qa.yaml: rule 1 (`token-by-user`): `match.userId` is not a field a generateToken rule matches: it matches accessKey, headers; `userId` is matched by `operation: saveEnroll` rules',
        'qa.yaml: rule 1 (`token-by-user`): `match.faceImageKind` is not a field a generateToken rule matches: it matches accessKey, headers; `faceImageKind` is matched by `operation: saveEnroll` rules',
        'qa.yaml: rule 2 (`enroll-by-key`): `match.accessKey` is not a field a rule without `operation` (a saveEnroll rule) matches: it matches userId, region, faceImage, faceImageKind, faceImageSha256, headers; `accessKey` is matched by `operation: generateToken` rules',
      ]);
    });

    it("refuses an outcome or sequence item outside the rule's operation's catalog, listing that catalog and the operation that has it", () => {
      const parsed = parseRules(
        {
          rules: [
            { match: { userId: { prefix: 'off-' } }, outcome: 'ACCOUNT_DISABLED' },
            { operation: 'generateToken', sequence: ['SUCCESS', 'REGION_WRONG'] },
          ],
        },
        'r',
      );
      expect(!parsed.ok && parsed.errors).toEqual([
        'r: rule 1: `outcome: ACCOUNT_DISABLED` is not one of the names a rule without `operation` (a saveEnroll rule) takes: ' +
          `write one of ${outcomeNames.join(', ')}; ACCOUNT_DISABLED is a generateToken outcome (write \`operation: generateToken\`)`,
        'r: rule 2: `sequence[1]: REGION_WRONG` is not one of the names a generateToken rule takes: ' +
          `write one of ${tokenOutcomeNames.join(', ')}, reset, hang, malformed, gateway-502, gateway-504; REGION_WRONG is a saveEnroll outcome (write \`operation: saveEnroll\`)`,
      ]);
    });

    it('refuses an operation rules do not answer, with the nearest one and the valid ones', () => {
      const parsed = parseRules(
        {
          rules: [
            { operation: 'generatetoken', outcome: 'SUCCESS' },
            { operation: 'getEnroll', outcome: 'SUCCESS' },
          ],
        },
        'r',
      );
      expect(!parsed.ok && parsed.errors).toEqual([
        "r: rule 1: `operation: generatetoken` is not an operation rules answer: did you mean `generateToken`? Or write one of saveEnroll, generateToken (the spec's operationId; none: saveEnroll)",
        "r: rule 2: `operation: getEnroll` is not an operation rules answer: write one of saveEnroll, generateToken (the spec's operationId; none: saveEnroll)",
      ]);
    });

    it('refuses an H5 authentication result on a token rule, and lists the token catalog to a rule with no answer', () => {
      const parsed = parseRules(
        { rules: [{ operation: 'generateToken', authentication: { result: 'PASS' } }, { operation: 'generateToken' }] },
        'r',
      );
      expect(!parsed.ok && parsed.errors).toEqual([
        'r: rule 1: `authentication` decides an H5 authentication of an enrolled user, which a generateToken rule never does: put it on a rule without `operation`',
        `r: rule 2 has neither \`outcome\` nor \`fault\`: add \`outcome: <one of ${tokenOutcomeNames.join(', ')}>\` or ` +
          '`fault: <one of reset, hang, malformed, gateway-502, gateway-504>` (or `sequence:` of them)',
      ]);
    });

    it('checks an accessKey regex like any other matcher', () => {
      const parsed = parseRules(
        { rules: [{ operation: 'generateToken', match: { accessKey: { regex: '(a)\\1' } }, outcome: 'SUCCESS' }] },
        'r',
      );
      expect(!parsed.ok && parsed.errors[0]).toMatch(
        /^r: rule 1: `match\.accessKey\.regex` is not a regular expression the kit's linear-time engine runs/,
      );
    });
  });
});
