import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import { JUnitReporter } from 'vitest/node';

/** Why a test was skipped when it gave no reason: it was left out of this run. */
const NOT_SELECTED = 'not selected in this run (-t filter or .only)';

/**
 * Ends the run with the plain line CI reads ("N passed, N failed, N skipped"), after listing the skip reasons,
 * each once with the number of tests and the files that gave it (`ctx.skip(reason)`), so nothing is skipped
 * silently and a reason shared by 46 tests is one line, not 46.
 *
 * The JUnit report (reports/junit.xml) is vitest's own JUnitReporter, run from here rather than listed in the
 * config: vitest calls its reporters' onTestRunEnd together, and the JUnit one logs "JUNIT report written"
 * after its asynchronous write, which would come after the closing line. Awaited here, it comes before.
 */
export default class SummaryReporter implements Reporter {
  private readonly junit = new JUnitReporter({ outputFile: 'reports/junit.xml' });

  async onInit(vitest: Vitest): Promise<void> {
    await this.junit.onInit(vitest);
  }

  async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError> = [],
    _reason?: TestRunEndReason,
  ): Promise<void> {
    await this.junit.onTestRunEnd(testModules);
    let passed = 0;
    // An error outside any test (a failed global setup, an unhandled rejection) fails the run: count it, so
    // the closing line never reads "0 failed" for a run that did not pass.
    let failed = unhandledErrors.length;
    let skipped = 0;
    const groups = new Map<string, { tests: number; files: Set<string> }>();
    for (const module of testModules) {
      const file = module.moduleId.replace(process.cwd() + '/', '');
      const tests = [...module.children.allTests()];
      if (module.state() === 'failed' && tests.length === 0) failed++; // the file failed to load
      for (const test of tests) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else if (result.state === 'skipped') {
          skipped++;
          const why = result.note ?? NOT_SELECTED;
          const group = groups.get(why) ?? { tests: 0, files: new Set<string>() };
          group.tests++;
          group.files.add(file);
          groups.set(why, group);
        }
      }
    }
    for (const [why, { tests, files }] of groups) {
      console.log(`skipped ${tests} test${tests === 1 ? '' : 's'} (${[...files].join(', ')}): ${why}`);
    }
    console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
