import { execFileSync } from 'node:child_process';

/**
 * Builds dist/ (library and bundled bin) once before the suite, so tests that start the CLI as a user would
 * never run a stale build, whether the suite runs through npm test or vitest directly.
 */
export default function setup(): void {
  execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
}
