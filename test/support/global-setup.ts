import { execFileSync } from 'node:child_process';

/**
 * Builds dist/ once before the suite, so tests that start the CLI as a user would (the bin) never run a
 * stale build, whether the suite runs through npm test or vitest directly.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
