import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { totalsOf, type CaseResult, type ContractReport } from './contract-case.js';
import { writeReports } from './write-reports.js';

const run = (startedAt: string, results: CaseResult[]): ContractReport => ({
  target: 'http://127.0.0.1:4010',
  mode: 'mock',
  startedAt,
  ms: 1200,
  results,
  totals: totalsOf(results),
  enrolledUserIds: [],
  removedUserIds: [],
});

describe('writeReports', () => {
  it("writes each run's own reports, dated with its start: a later run replaces an earlier run's results, never merges them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-reports-'));
    const files = { markdown: join(dir, 'contract.md'), json: join(dir, 'contract.json'), junit: join(dir, 'contract.xml') };
    writeReports(
      run('2026-01-01T10:00:00.000Z', [
        { id: '07-old-case', name: 'a case the table no longer has', status: 'fail', reason: 'stale', ms: 5 },
      ]),
      files,
    );
    writeFileSync(join(dir, 'contract.md'), readFileSync(files.markdown, 'utf8') + '\n| 08-hand-added | fail | stale |\n');
    writeReports(run('2026-02-02T11:00:00.000Z', [{ id: '01-success', name: 'SUCCESS', status: 'pass', ms: 3 }]), files);

    const markdown = readFileSync(files.markdown, 'utf8');
    expect(markdown).toContain('2026-02-02T11:00:00.000Z');
    expect(markdown).toContain('01-success');
    expect(markdown).not.toMatch(/2026-01-01|07-old-case|08-hand-added|stale/);
    const json = JSON.parse(readFileSync(files.json, 'utf8')) as ContractReport;
    expect([json.startedAt, json.results.map((r) => r.id)]).toEqual(['2026-02-02T11:00:00.000Z', ['01-success']]);
    expect(readFileSync(files.junit, 'utf8')).toContain('timestamp="2026-02-02T11:00:00.000Z"');
    expect(readFileSync(files.junit, 'utf8')).not.toContain('07-old-case');
  });
});
