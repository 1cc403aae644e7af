import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the specs (spec/openapi.yaml, spec/admin.yaml)', () => {
  it('lint clean under Redocly CLI with the recommended rules (redocly.yaml)', async () => {
    const { stdout, stderr } = await run('npx', ['--no-install', 'redocly', 'lint', '--format', 'json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 10_000_000,
    }).catch((error: { stdout: string; stderr: string }) => error);
    // One JSON report per API in redocly.yaml, printed back to back.
    const reports = stdout
      .slice(stdout.indexOf('{'))
      .replace(/\}\s*\{/g, '}\u0000{')
      .split('\u0000')
      .map((text) => JSON.parse(text) as { totals: { errors: number; warnings: number }; problems: unknown[] });
    expect(reports, stderr).toHaveLength(2);
    for (const report of reports) {
      expect({ totals: report.totals, problems: report.problems }, stderr).toEqual({
        totals: expect.objectContaining({ errors: 0, warnings: 0 }),
        problems: [],
      });
    }
  }, 60_000);
});
