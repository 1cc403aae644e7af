import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

/**
 * The public surface is a promise: api/*.api.md holds every export of every subpath, committed, so a change of the
 * surface shows in review. This fails when the code's surface and the committed report differ.
 */
it('the committed API report matches the public surface of every subpath', async () => {
  const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/api-report.ts', '--check']).catch(
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/the public surface is unchanged/);
}, 300_000);
