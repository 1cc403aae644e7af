import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const fixture = join(import.meta.dirname, 'summary-fixture');
afterAll(() => rmSync(join(fixture, 'reports'), { recursive: true, force: true }));

describe('the summary reporter (npm test, CI)', () => {
  it('prints each skip reason once, writes JUnit with vitest, and ends with the closing line', async () => {
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const { stdout } = await run(process.execPath, [vitest, 'run', '--config', join(fixture, 'vitest.config.ts')], {
      cwd: fixture,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('1 passed, 0 failed, 4 skipped');
    expect(lines.filter((line) => line.includes('the shared reason'))).toEqual(['skipped 3 tests (skips.fixture.ts): the shared reason']);
    expect(lines.filter((line) => line.includes('a reason of its own'))).toEqual([
      'skipped 1 test (skips.fixture.ts): a reason of its own',
    ]);
    // vitest's own JUnit reporter wrote the file, and said so before the closing line.
    expect(lines.findIndex((line) => line.startsWith('JUNIT report written'))).toBeLessThan(lines.length - 1);
    expect(existsSync(join(fixture, 'reports/junit.xml'))).toBe(true);
    expect(readFileSync(join(fixture, 'reports/junit.xml'), 'utf8')).toMatch(/<testsuites name="vitest tests" tests="5" failures="0"/);
  }, 60_000);
});
