// The ready-made handlers and one-test helpers every MSW entry (./msw, ./node, ./browser) exports, with the
// types their signatures name. Each entry adds its own way to make a mock, so no entry re-exports a name it also defines.
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
export { assertCoverage, type CoverageReport } from '../src/responder/create-coverage.js';
export type { EnrollMock, EnrollMockOptions, FaultOption, OnceOption } from './create-enroll-mock.js';
export type { RuleEntry } from '../src/core/rules/create-rule-book.js';
export type { EnrollmentStore, Enrollment } from '../src/state/enrollment-store.js';
export type { OutcomeName } from '../src/core/envelope/outcome-catalog.js';
export type { TokenOutcomeName } from '../src/generated/outcomes.js';
export type { Fault } from '../src/core/stages/faults.js';
export type { MockOptions, TokenMode, RulesOption } from '../src/responder/mock-options.js';
export type { Journal, JournalEntry } from '../src/state/create-journal.js';
export type { Completion, CompletionOutcome } from '../src/responder/journey/complete-authentication.js';
export type { Authentication, AuthenticationStore, AuthenticationResult } from '../src/state/authentication-store.js';
export type { FaceDetail } from '../src/core/journey/face-detail.js';
