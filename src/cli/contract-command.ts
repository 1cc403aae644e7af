import type { CaseResult, CaseStatus } from '../contract/contract-case.js';
import { kitVersion, printError } from './cli-output.js';
import type { ReportFiles } from '../contract/write-reports.js';
import { CONTRACT_USAGE, FIXTURES_USAGE, parseContractArgs, parseFixturesArgs, reportFilesOf } from './parse-contract-args.js';

const SIGN: Record<CaseStatus, [plain: string, tty: string]> = {
  pass: ['PASS', '\u001b[32m✓\u001b[0m'],
  warn: ['WARN', '\u001b[33m!\u001b[0m'],
  fail: ['FAIL', '\u001b[31m✗\u001b[0m'],
  skip: ['SKIP', '\u001b[2m-\u001b[0m'],
};

/**
 * `face-enroll-mock contract`: 0 all passed (warnings allowed unless --fail-on warning), 1 a case failed, 2 a
 * usage or configuration error. Every report asked for is written on every exit (a refusal is its one case).
 */
export async function contractCommand(argv: string[]): Promise<number> {
  const parsed = parseContractArgs(argv);
  if (parsed.ok && parsed.args.help) return (process.stdout.write(CONTRACT_USAGE), 0);
  if (parsed.ok && parsed.args.version) return (process.stdout.write(kitVersion() + '\n'), 0);
  const [{ runContract }, { ContractConfigError, configurationReport }, { writeReports }] = await Promise.all([
    import('../contract/run-contract.js'),
    import('../contract/contract-config-error.js'),
    import('../contract/write-reports.js'),
  ]);
  /** Exit 2 with the message, written into every report asked for too. */
  const refuse = (message: string, reports: ReportFiles, target: string | undefined) => {
    printError('contract', message);
    try {
      writeReports(configurationReport(message, target), reports);
    } catch (error) {
      printError('contract', `cannot write a report: ${(error as Error).message}`);
    }
    return 2;
  };
  if (!parsed.ok) return refuse(parsed.error, reportFilesOf(argv), undefined);
  const { options, reports, failOn } = parsed.args;
  const tty = process.stdout.isTTY === true;
  const line = (r: CaseResult) => {
    const note = r.reason && r.status !== 'pass' ? `: ${r.reason}` : r.reason ? ` (${r.reason})` : '';
    process.stdout.write(`${SIGN[r.status][tty ? 1 : 0]} ${r.id}${r.status === 'skip' ? '' : ` ${r.ms} ms`}${note}\n`);
  };
  process.stdout.write(`face-enroll-mock contract: ${options.baseUrl ?? "the kit's own server (self-check)"}\n`);
  let report;
  try {
    report = await runContract({ ...options, onResult: line });
  } catch (error) {
    if (error instanceof ContractConfigError) return refuse(error.message, reports, options.baseUrl);
    throw error;
  }
  try {
    writeReports(report, reports);
  } catch (error) {
    return (printError('contract', `cannot write a report: ${(error as Error).message}`), 2);
  }
  const { totals } = report;
  const left = report.enrolledUserIds.filter((u) => !report.removedUserIds.includes(u));
  if (report.enrolledUserIds.length)
    process.stdout.write(
      `\ncleanup: removed ${report.removedUserIds.length} of ${report.enrolledUserIds.length} enrolled users with delete-enroll` +
        (left.length ? `; still enrolled (delete-enroll did not answer SUCCESS): ${left.join(', ')}` : '') +
        '\n',
    );
  if (options.baseline?.update) process.stdout.write(`baseline written: ${options.baseline.file}\n`);
  process.stdout.write(
    `\n${totals.fail} failed, ${totals.warn} warnings, ${totals.pass} passed, ${totals.skip} skipped against ${report.target} in ${(report.ms / 1000).toFixed(1)} s\n`,
  );
  for (const [kind, file] of Object.entries(reports)) process.stdout.write(`${kind} report: ${file}\n`);
  if (totals.fail) return 1;
  if (failOn === 'warning' && totals.warn) {
    process.stdout.write(`exit 1: ${totals.warn} warning(s) and --fail-on warning\n`);
    return 1;
  }
  return 0;
}

/** `face-enroll-mock fixtures export DIR`. */
export async function fixturesCommand(argv: string[]): Promise<number> {
  const parsed = parseFixturesArgs(argv);
  if (!parsed.ok) return (printError('fixtures', parsed.error), 2);
  if (parsed.dir === null) return (process.stdout.write(parsed.help ? FIXTURES_USAGE : kitVersion() + '\n'), 0);
  const { exportFixtures } = await import('../contract/export-fixtures.js');
  let names: string[];
  try {
    names = exportFixtures(parsed.dir);
  } catch (error) {
    return (printError('fixtures', `cannot write into ${parsed.dir}: ${(error as Error).message}`), 2);
  }
  process.stdout.write(`wrote ${names.length} images into ${parsed.dir}: ${names.join(', ')}\n`);
  return 0;
}
