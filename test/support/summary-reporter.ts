import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain line CI reads ("N passed, N failed, N skipped") and lists every skipped
 * test with the reason it gave (`ctx.skip(reason)`), so nothing is skipped silently.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const module of testModules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else if (result.state === 'skipped') skipped.push(`${module.moduleId.replace(process.cwd() + '/', '')} > ${test.fullName}: ${result.note ?? 'no reason given'}`);
      }
    }
    for (const line of skipped) console.log(`skipped: ${line}`);
    console.log(`${passed} passed, ${failed} failed, ${skipped.length} skipped`);
  }
}
