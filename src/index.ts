/**
 * face-enroll-mock: the isomorphic kit, the same in Node and in the browser (decision note 0033 says why these
 * names and no others). The MSW helpers are `face-enroll-mock/node`, `/browser` and `/msw`; the server is
 * `face-enroll-mock/server`, the contract `face-enroll-mock/contract`, the client `face-enroll-mock/client`.
 */
export { createResponder, type Responder, type PlainRequest, type ResponderResult } from './responder/create-responder.js';
export type { MockOptions, TokenMode, RulesOption, CallbackOptions } from './responder/mock-options.js';
export type { Answer, HttpAnswer } from './responder/answer.js';
export { outcomes, outcomeNames, isOutcomeName, type OutcomeName } from './core/envelope/outcome-catalog.js';
export type { TokenOutcomeName } from './generated/outcomes.js';
export { faults, type Fault } from './core/stages/faults.js';
export { parseRules, type Rule, type RulesFile, type ParseRulesResult, type StringMatcher } from './core/rules/parse-rules.js';
export { validateRules } from './core/rules/validate-rules.js';
export { rulesSchema } from './core/rules/rules-schema.js';
export { enrollRequestSchema, enrollResponseSchema } from './generated/schemas.js';
export type { EnrollResponse } from './core/envelope/render-envelope.js';
export { apiPaths } from './core/api-paths.js';
export { assertCoverage, formatCoverage, type CoverageReport } from './responder/create-coverage.js';
export { createEnrollmentStore, type EnrollmentStore, type Enrollment } from './state/enrollment-store.js';
