import { describe, expect, it } from 'vitest';
import { outcomes } from '../core/envelope/outcome-catalog.js';
import { getEnrollOutcomes, getResultOutcomes } from '../generated/outcomes.js';
import { judgeAnswer, judgeText } from './judge-answer.js';

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

  it("judges a journey answer against its own operation's catalog and schema: a page version's text is a known variant", () => {
    const want = { outcome: 'PARAMETER_ERROR', status: 200, code: 'PARAMETER_ERROR', message: getEnrollOutcomes.PARAMETER_ERROR.message };
    // The newer pages' wording (docs/vendor-api.md#message-variants-between-page-versions), from the spec's x-known-variants.
    const variant = getEnrollOutcomes.PARAMETER_ERROR.knownVariants.find((text) => text.includes('your input'))!;
    expect(judgeAnswer(want, { status: 200, body: envelope('PARAMETER_ERROR', variant) }, 'get-enroll')).toMatchObject({
      status: 'pass',
      kind: 'known-variant',
    });
    expect(judgeAnswer(want, { status: 200, body: envelope('PARAMETER_ERROR', 'Bad userId') }, 'get-enroll').kind).toBe('message-drift');
    // get-result's envelope has no pricingStrategy; Save Enroll's schema would refuse a data object on SUCCESS.
    const result = {
      code: 'SIGNATURE_NOT_EXIST',
      message: getResultOutcomes.SIGNATURE_NOT_EXIST.message,
      data: null,
      extra: null,
      transactionId: 'a1b2c3d4e5f60718',
    };
    const notExist = { outcome: 'SIGNATURE_NOT_EXIST', status: 200, code: 'SIGNATURE_NOT_EXIST', message: result.message };
    expect(judgeAnswer(notExist, { status: 200, body: result }, 'get-result')).toEqual({ status: 'pass' });
    expect(judgeAnswer(notExist, { status: 200, body: { ...result, transactionId: 7 } }, 'get-result')).toMatchObject({
      status: 'fail',
      kind: 'schema',
    });
  });

  it('warns about a field the spec does not describe, naming its JSON path, the same on every operation', () => {
    const token = { code: 'SUCCESS', message: 'OK', data: { token: 'a.b.c', expiredTime: 1 }, extra: null, transactionId: 't' };
    const result = {
      code: 'SIGNATURE_NOT_EXIST',
      message: getResultOutcomes.SIGNATURE_NOT_EXIST.message,
      data: null,
      extra: null,
      transactionId: 't',
    };
    const judged = [
      judgeAnswer(expected('REGION_WRONG'), { status: 200, body: { ...envelope('REGION_WRONG', 'Region is wrong'), requestId: 'r1' } }),
      judgeAnswer(
        { outcome: 'SUCCESS', status: 200, code: 'SUCCESS', message: 'OK' },
        { status: 200, body: { ...token, requestId: 'r1' } },
        'token',
      ),
      judgeAnswer(
        { outcome: 'SIGNATURE_NOT_EXIST', status: 200, code: result.code, message: result.message },
        { status: 200, body: { ...result, requestId: 'r1' } },
        'get-result',
      ),
    ];
    for (const j of judged)
      expect(j).toMatchObject({ status: 'warn', kind: 'additive-drift', drifts: [{ kind: 'additive-drift', seen: 'requestId' }] });
    expect(judged[0]!.reason).toContain('`requestId`');
  });

  it('names a nested additive field by its path and still judges the known part strictly', () => {
    const token = {
      code: 'SUCCESS',
      message: 'OK',
      data: { token: 'a.b.c', expiredTime: 1, scope: 'all' },
      extra: null,
      transactionId: 't',
    };
    const want = { outcome: 'SUCCESS', status: 200, code: 'SUCCESS', message: 'OK' };
    expect(judgeAnswer(want, { status: 200, body: token }, 'token')).toMatchObject({ status: 'warn', drifts: [{ seen: 'data.scope' }] });
    const { token: _renamed, ...rest } = token.data;
    expect(judgeAnswer(want, { status: 200, body: { ...token, data: { ...rest, accessToken: 'a.b.c' } } }, 'token')).toMatchObject({
      status: 'fail',
      kind: 'schema',
    });
  });

  it('reports both drifts of an answer whose message changed and that carries a new field', () => {
    const judged = judgeAnswer(expected('REGION_WRONG'), {
      status: 200,
      body: { ...envelope('REGION_WRONG', 'Region bad'), requestId: 'r' },
    });
    expect(judged).toMatchObject({ status: 'warn', kind: 'message-drift' });
    expect(judged.drifts).toEqual([
      { kind: 'message-drift', seen: 'Region bad' },
      { kind: 'additive-drift', seen: 'requestId' },
    ]);
  });

  describe('without an expectation (the proxy)', () => {
    const cases: Array<[string, { status: number; body: unknown }, { status: string; kind?: string }]> = [
      ['passes a documented code and message', { status: 200, body: envelope('REGION_WRONG', 'Region is wrong') }, { status: 'pass' }],
      [
        'warns about another message of a documented code',
        { status: 200, body: envelope('REGION_WRONG', 'Region is not supported') },
        { status: 'warn', kind: 'message-drift' },
      ],
      [
        'warns about an additive field',
        { status: 200, body: { ...envelope('SUCCESS', 'OK'), requestId: 'r' } },
        { status: 'warn', kind: 'additive-drift' },
      ],
      [
        'fails an undocumented code',
        { status: 200, body: envelope('REGION_INVALID', 'Region is wrong') },
        { status: 'fail', kind: 'code-drift' },
      ],
      [
        'fails an HTTP status the code is not documented with',
        { status: 503, body: envelope('REGION_WRONG', 'Region is wrong') },
        { status: 'fail', kind: 'status-drift' },
      ],
    ];
    for (const [name, answer, want] of cases)
      it(name, () => {
        const judged = judgeAnswer(undefined, answer, 'enroll');
        expect({ status: judged.status, ...(judged.kind ? { kind: judged.kind } : {}) }).toEqual(want);
      });

    it('fails an answer that is not JSON', () => {
      expect(judgeText(undefined, { status: 200, text: '<html>' }, 'enroll')).toMatchObject({ status: 'fail', kind: 'schema' });
    });
  });
});
