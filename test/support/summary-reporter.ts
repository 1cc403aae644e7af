import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

const xml = (text: string) =>
  text
    .replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * Ends the run with the plain line CI reads ("N passed, N failed, N skipped"), after listing every skipped
 * test with the reason it gave (`ctx.skip(reason)`), so nothing is skipped silently. It also writes the JUnit
 * report (reports/junit.xml) itself, so no other reporter prints after the closing line.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    const suites: string[] = [];
    for (const module of testModules) {
      const file = module.moduleId.replace(process.cwd() + '/', '');
      const cases: string[] = [];
      let moduleFailures = 0;
      let moduleSkips = 0;
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) {
        failed++;
        moduleFailures++;
        cases.push(
          `<testcase classname="${xml(file)}" name="(module failed to load)"><failure message="${xml(
            module
              .errors()
              .map((e) => e.message)
              .join('; '),
          )}"/></testcase>`,
        );
      }
      for (const test of module.children.allTests()) {
        const result = test.result();
        const seconds = ((test.diagnostic()?.duration ?? 0) / 1000).toFixed(3);
        const open = `<testcase classname="${xml(file)}" name="${xml(test.fullName)}" time="${seconds}"`;
        if (result.state === 'passed') {
          passed++;
          cases.push(`${open}/>`);
        } else if (result.state === 'failed') {
          failed++;
          moduleFailures++;
          const message = result.errors?.map((e) => e.message).join('; ') ?? 'failed';
          cases.push(`${open}><failure message="${xml(message)}"/></testcase>`);
        } else if (result.state === 'skipped') {
          moduleSkips++;
          const why = result.note ?? 'not selected in this run (-t filter or .only)';
          skipped.push(`${file} > ${test.fullName}: ${why}`);
          cases.push(`${open}><skipped message="${xml(why)}"/></testcase>`);
        }
      }
      suites.push(
        `<testsuite name="${xml(file)}" tests="${cases.length}" failures="${moduleFailures}" skipped="${moduleSkips}">\n${cases.join('\n')}\n</testsuite>`,
      );
    }
    mkdirSync('reports', { recursive: true });
    writeFileSync(
      'reports/junit.xml',
      `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${passed + failed + skipped.length}" failures="${failed}" skipped="${skipped.length}">\n${suites.join('\n')}\n</testsuites>\n`,
    );
    for (const line of skipped) console.log(`skipped: ${line}`);
    console.log('JUnit report: reports/junit.xml');
    console.log(`${passed} passed, ${failed} failed, ${skipped.length} skipped`);
  }
}
