import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain line CI reads ("N passed, N failed, N skipped") and lists every skipped
 * test with the reason it gave (`ctx.skip(reason)`), so nothing is skipped silently.
 */
export default class SummaryReporter implements Reporter {
  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    // Reporters end together; the JUnit one logs its file path asynchronously. Waiting a moment keeps this
    // line the last one printed, where CI reads it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const module of testModules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else if (result.state === 'skipped') skipped.push(`${module.moduleId.replace(process.cwd() + '/', '')} > ${test.fullName}: ${result.note ?? 'not selected in this run (-t filter or .only)'}`);
      }
    }
    for (const line of skipped) console.log(`skipped: ${line}`);
    console.log(`${passed} passed, ${failed} failed, ${skipped.length} skipped`);
  }
}
