import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'mocks/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // 2 cores on every machine: two workers keep the suite parallel without oversubscribing.
    maxWorkers: 2,
    globalSetup: ['./test/support/global-setup.ts'],
    // The summary reporter prints skip reasons and the closing line, and writes reports/junit.xml (vitest's own
    // JUnit reporter, run from it so that the closing line stays the last one printed).
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
