import { describe, expect, it } from 'vitest';
import { acceptDrifts, baselineErrors, baselineOf } from './accept-drifts.js';
import type { CaseResult } from './contract-case.js';

const warned = (id: string, message: string): CaseResult => ({
  id,
  name: id,
  operation: 'enroll',
  status: 'warn',
  kind: 'message-drift',
  reason: `message drift: got "${message}"`,
  drifts: [{ kind: 'message-drift', seen: message }],
  ms: 1,
});

describe('acceptDrifts', () => {
  const baseline = baselineOf([warned('05-region', 'Region is not supported'), { id: 'ok', name: 'ok', status: 'pass', ms: 1 }]);

  it('writes a baseline keyed by operation, case and kind, with what was seen', () => {
    expect(baseline).toEqual({ version: 1, drifts: { enroll: { '05-region': { 'message-drift': 'Region is not supported' } } } });
    expect(baselineErrors(baseline)).toEqual([]);
  });

  it('passes a drift the baseline accepted, as accepted-drift', () => {
    expect(acceptDrifts(warned('05-region', 'Region is not supported'), baseline, 'b.json')).toMatchObject({
      status: 'pass',
      kind: 'accepted-drift',
    });
  });

  it('fails a drift that changed since it was accepted, naming what was accepted', () => {
    const judged = acceptDrifts(warned('05-region', 'Region unsupported'), baseline, 'b.json');
    expect(judged.status).toBe('fail');
    expect(judged.reason).toContain('changed message-drift (b.json accepted "Region is not supported")');
  });

  it('fails a drift of another case, as new', () => {
    const judged = acceptDrifts(warned('66-generate', 'Region is not supported'), baseline, 'b.json');
    expect(judged).toMatchObject({ status: 'fail', reason: expect.stringContaining('new message-drift, not in b.json') });
  });

  it('refuses a hand-edited baseline with a wrong kind, naming where', () => {
    expect(baselineErrors({ version: 1, drifts: { enroll: { x: { 'code-drift': 'X' } } } })).toEqual([
      'drifts.enroll.x.code-drift must be message-drift or additive-drift with a text of what was seen',
    ]);
  });
});
