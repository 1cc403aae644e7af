// Runtime-neutral entry: handlers and helpers that work in Node and in the browser alike.
export { createEnrollMock, type EnrollMock, type EnrollMockOptions, type FaultOption, type OnceOption } from './create-enroll-mock.js';
export { createHandlers } from './create-handlers.js';
export {
  handlers,
  enrollments,
  journal,
  coverage,
  enrollOutcome,
  enrollFault,
  enrollNetworkError,
  enrollDelay,
  completeAuthentication,
  tokenOutcome,
} from './default-mock.js';
export { assertCoverage, formatCoverage, type CoverageReport } from '../src/responder/create-coverage.js';
export type { RuleEntry } from '../src/core/rules/create-rule-book.js';
export { vendorBaseUrls } from './vendor-base-urls.js';
export { createEnrollmentStore, type EnrollmentStore } from '../src/state/enrollment-store.js';
export { outcomeNames, type OutcomeName } from '../src/core/outcome-catalog.js';
export { tokenOutcomeNames, type TokenOutcomeName } from '../src/generated/outcomes.js';
export { faults, type Fault } from '../src/core/faults.js';
export type { Enrollment, EnrollDecision, EnvelopeDecision, FaultDecision } from '../src/core/create-enroll-core.js';
export type { MockOptions, TokenMode, RulesOption } from '../src/responder/mock-options.js';
export type { Journal, JournalEntry } from '../src/state/create-journal.js';
export type { Completion, CompletionOutcome } from '../src/responder/journey/complete-authentication.js';
export type { Authentication, AuthenticationStore, AuthenticationResult, FaceDetail } from '../src/state/authentication-store.js';
