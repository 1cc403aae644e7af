import { defineConfig } from 'vitest/config';

// A run of its own for test/support/summary-reporter.test.ts: no global setup, only the fixture's tests.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['*.fixture.ts'],
    reporters: ['default', '../summary-reporter.ts'],
  },
});
