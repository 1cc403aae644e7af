import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'mocks/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // 2 cores on every machine: two workers keep the suite parallel without oversubscribing.
    maxWorkers: 2,
    globalSetup: ['./test/support/global-setup.ts'],
    // JUnit XML for CI (reports/junit.xml); the summary reporter prints the closing line and skip reasons.
    reporters: ['default', ['junit', { outputFile: 'reports/junit.xml' }], './test/support/summary-reporter.ts'],
  },
});
