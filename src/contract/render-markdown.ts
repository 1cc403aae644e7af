import type { CaseStatus, ContractReport } from './contract-case.js';

const LABEL: Record<CaseStatus, string> = { fail: 'Failed', warn: 'Warnings', skip: 'Skipped', pass: 'Passed' };
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown summary (a CI job summary, a PR comment): totals, then the cases by result, each non-plain one with its reason. */
export function renderMarkdown(report: ContractReport, title = 'Contract check'): string {
  const { totals } = report;
  const lines = [
    `# ${title}`,
    '',
    `Target: ${report.target} (${report.mode === 'mock' ? "the kit's own server: every case" : 'natural cases only'}), ${report.startedAt}, ${(report.ms / 1000).toFixed(1)} s.`,
    '',
    `**${totals.fail} failed, ${totals.warn} warnings, ${totals.pass} passed, ${totals.skip} skipped.**`,
    '',
  ];
  for (const status of ['fail', 'warn', 'skip', 'pass'] as const) {
    const rows = report.results.filter((r) => r.status === status);
    if (!rows.length) continue;
    lines.push(`## ${LABEL[status]} (${rows.length})`, '', '| case | result | reason |', '|---|---|---|');
    for (const r of rows) lines.push(`| ${cell(`${r.id}: ${r.name}`)} | ${r.kind ?? status} | ${cell(r.reason ?? '')} |`);
    lines.push('');
  }
  const left = report.enrolledUserIds.filter((u) => !report.removedUserIds.includes(u));
  if (report.enrolledUserIds.length)
    lines.push(
      `Enrolled on the target and removed afterwards with delete-enroll: ${report.removedUserIds.length} of ${report.enrolledUserIds.length}.` +
        (left.length ? ` Still enrolled (delete-enroll did not answer SUCCESS): ${left.map((u) => `\`${u}\``).join(', ')}.` : ''),
      '',
    );
  return lines.join('\n');
}
