// Runtime-neutral entry: handlers and helpers that work in Node and in the browser alike.
export { createEnrollMock, type EnrollMock, type EnrollMockOptions, type OnceOption } from './create-enroll-mock.js';
export { createHandlers } from './create-handlers.js';
export { handlers, enrollments, enrollOutcome, enrollNetworkError, enrollDelay } from './default-mock.js';
export { vendorBaseUrls } from './vendor-base-urls.js';
export { createEnrollmentStore, type EnrollmentStore } from '../src/state/enrollment-store.js';
export { outcomeNames, type OutcomeName } from '../src/core/outcome-catalog.js';
export type { Enrollment, EnrollDecision } from '../src/core/create-enroll-core.js';
