import type { ContractReport } from './contract-case.js';

const xml = (text: string) =>
  text
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * JUnit XML as CI systems render it (GitHub, GitLab, Jenkins): one testcase a case; a failure with its reason;
 * a skip with its reason; a warning (message or additive drift) passes with a `warning` property and the text in
 * the case's system-out; a known variant or an accepted drift passes with its note in system-out.
 */
export function renderJunit(report: ContractReport, suiteName = 'face-enroll-mock contract'): string {
  const cases = report.results.map((r) => {
    const open = `  <testcase classname="contract" name="${xml(`${r.id}: ${r.name}`)}" time="${(r.ms / 1000).toFixed(3)}"`;
    if (r.status === 'fail')
      return `${open}>\n    <failure message="${xml(r.reason ?? 'failed')}" type="${r.kind ?? 'fail'}"/>\n  </testcase>`;
    if (r.status === 'skip') return `${open}>\n    <skipped message="${xml(r.reason ?? 'skipped')}"/>\n  </testcase>`;
    // A warning is on its own case twice: a property (GitLab, Jenkins' JUnit plugin and dorny/test-reporter list
    // a case's properties) and the case's system-out (shown by every renderer that shows output).
    if (r.status === 'warn')
      return `${open}>\n    <properties><property name="warning" value="${xml(r.reason ?? r.kind ?? 'warning')}"/></properties>\n    <system-out>${xml(`WARNING ${r.reason ?? ''}`)}</system-out>\n  </testcase>`;
    if (r.reason) return `${open}>\n    <system-out>${xml(r.reason)}</system-out>\n  </testcase>`;
    return `${open}/>`;
  });
  const { totals } = report;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${report.results.length}" failures="${totals.fail}" skipped="${totals.skip}" time="${(report.ms / 1000).toFixed(3)}">`,
    `<testsuite name="${xml(suiteName)}" hostname="${xml(report.target)}" timestamp="${report.startedAt}" tests="${report.results.length}" failures="${totals.fail}" errors="0" skipped="${totals.skip}" time="${(report.ms / 1000).toFixed(3)}">`,
    `  <properties><property name="target" value="${xml(report.target)}"/><property name="mode" value="${report.mode}"/><property name="warnings" value="${totals.warn}"/></properties>`,
    ...cases,
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
