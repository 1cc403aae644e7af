import { describe, expect, it } from 'vitest';
import { outcomes } from '../core/outcome-catalog.js';
import { judgeAnswer } from './judge-answer.js';

const envelope = (code: string, message: string) => ({
  code,
  message,
  data: null,
  extra: null,
  transactionId: 'a1b2c3d4e5f60718',
  pricingStrategy: 'FREE',
});
const expected = (name: keyof typeof outcomes) => ({
  outcome: name,
  status: outcomes[name].status,
  code: outcomes[name].code,
  message: outcomes[name].message,
});

describe('judgeAnswer', () => {
  const cases: Array<[string, { want: ReturnType<typeof expected>; status: number; body: unknown }, { status: string; kind?: string }]> = [
    [
      'passes the documented answer',
      { want: expected('REGION_WRONG'), status: 200, body: envelope('REGION_WRONG', 'Region is wrong') },
      { status: 'pass' },
    ],
    [
      'passes a known variant of the message, with a note',
      { want: expected('PARAMETER_ERROR'), status: 200, body: envelope('PARAMETER_ERROR', outcomes.PARAMETER_ERROR.knownVariants[0]!) },
      { status: 'pass', kind: 'known-variant' },
    ],
    [
      'warns about another message for the same code (message drift)',
      { want: expected('REGION_WRONG'), status: 200, body: envelope('REGION_WRONG', 'Region is not supported') },
      { status: 'warn', kind: 'message-drift' },
    ],
    [
      'fails another documented code (code drift)',
      { want: expected('REGION_WRONG'), status: 200, body: envelope('PARAMETER_ERROR', 'Region is wrong') },
      { status: 'fail', kind: 'code-drift' },
    ],
    [
      'fails an undocumented code as code drift',
      { want: expected('REGION_WRONG'), status: 200, body: envelope('REGION_INVALID', 'Region is wrong') },
      { status: 'fail', kind: 'code-drift' },
    ],
    [
      'fails an answer that breaks the schema',
      { want: expected('REGION_WRONG'), status: 200, body: { code: 'REGION_WRONG', message: 'Region is wrong' } },
      { status: 'fail', kind: 'schema' },
    ],
    [
      'fails another HTTP status',
      { want: expected('REGION_WRONG'), status: 500, body: envelope('REGION_WRONG', 'Region is wrong') },
      { status: 'fail', kind: 'status-drift' },
    ],
  ];
  for (const [name, given, want] of cases) {
    it(name, () => {
      const judged = judgeAnswer(given.want, { status: given.status, body: given.body });
      expect({ status: judged.status, ...(judged.kind ? { kind: judged.kind } : {}) }).toEqual(want);
      if (judged.status !== 'pass' || judged.kind) expect(judged.reason).toBeTruthy();
    });
  }

  it('judges a token answer against the token catalog and schema', () => {
    const token = { code: 'SUCCESS', message: 'OK', data: { token: 'a.b.c', expiredTime: 1 }, extra: null, transactionId: 't' };
    expect(
      judgeAnswer({ outcome: 'SUCCESS', status: 200, code: 'SUCCESS', message: 'OK' }, { status: 200, body: token }, 'token').status,
    ).toBe('pass');
    expect(
      judgeAnswer(
        { outcome: 'SUCCESS', status: 200, code: 'SUCCESS', message: 'OK' },
        { status: 200, body: { ...token, data: 'x' } },
        'token',
      ),
    ).toMatchObject({
      status: 'fail',
      kind: 'schema',
    });
  });
});
