import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('spec/openapi.yaml', () => {
  it('lints clean under Redocly CLI with the recommended rules (redocly.yaml)', async () => {
    const { stdout, stderr } = await run('npx', ['--no-install', 'redocly', 'lint', 'spec/openapi.yaml', '--format', 'json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 10_000_000,
    }).catch((error: { stdout: string; stderr: string }) => error);
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: unknown[] };
    expect({ totals: report.totals, problems: report.problems }, stderr).toEqual({
      totals: expect.objectContaining({ errors: 0, warnings: 0 }),
      problems: [],
    });
  }, 60_000);
});
