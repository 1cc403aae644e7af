// face-enroll-mock/contract: the engine behind `face-enroll-mock contract`, for runners other than vitest
// (docs/contract-and-ci.md, "In your own vitest run").
export { runContract, type ContractOptions } from './run-contract.js';
export type { ContractCredentials } from './run-cases.js';
export { ContractConfigError } from './contract-config-error.js';
export { judgeAnswer, type Judgement } from './judge-answer.js';
export { renderJunit } from './render-junit.js';
export { renderMarkdown } from './render-markdown.js';
export { writeReports, type ReportFiles } from './write-reports.js';
export type { CaseKind, CaseResult, CaseStatus, ContractCase, ContractReport } from './contract-case.js';
