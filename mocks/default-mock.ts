import type { HttpHandler } from 'msw';
import { createEnrollMock, type EnrollMock, type FaultOption, type OnceOption } from './create-enroll-mock.js';
import { lazy } from './lazy.js';
import type { Fault } from '../src/core/stages/faults.js';
import type { OutcomeName } from '../src/core/envelope/outcome-catalog.js';
import type { TokenOutcomeName } from '../src/generated/outcomes.js';
import type { Journal } from '../src/state/create-journal.js';
import type { EnrollmentStore } from '../src/state/enrollment-store.js';
import type { Completion } from '../src/responder/journey/complete-authentication.js';

/** The mock behind the ready-made `handlers` and the one-test helpers, with every default; made on first use. */
let made: EnrollMock | undefined;
const defaultMock = (): EnrollMock => (made ??= createEnrollMock());

/** Ready-made handlers: the vendor hosts and the page's origin, the default rules, a token required. */
export const handlers: HttpHandler[] = lazy(() => defaultMock().handlers, []);

/** The state behind `handlers`: `enrollments.reset()` in afterEach keeps tests apart. */
export const enrollments: EnrollmentStore = lazy(() => defaultMock().store, {});

/** Every enroll `handlers` answered (outcome, source, rule, userId): assert what your app sent. */
export const journal: Journal = lazy(() => defaultMock().journal, {});

/** `server.use(enrollOutcome('REGION_WRONG'))`: the next enroll answers that outcome. A typo is a type error. */
export const enrollOutcome = (name: OutcomeName, options?: OnceOption) => defaultMock().outcome(name, options);

/** `server.use(tokenOutcome('ACCOUNT_DISABLED'))`: the next generate-token answers that named example. */
export const tokenOutcome = (name: TokenOutcomeName, options?: OnceOption) => defaultMock().tokenOutcome(name, options);

/** `server.use(enrollFault('gateway-502'))`: the next enroll gets that transport fault (`{ path: apiPaths.getResult }`: the next get-result). */
export const enrollFault = (name: Fault, options?: FaultOption) => defaultMock().fault(name, options);

/** `server.use(enrollNetworkError())`: the next enroll fails at the network level. */
export const enrollNetworkError = (options?: OnceOption) => defaultMock().networkError(options);

/** `server.use(enrollDelay(2000))`: the next enroll is answered 2 s late. */
export const enrollDelay = (ms: number, options?: OnceOption) => defaultMock().delay(ms, options);

/** How many answers `handlers` gave per documented outcome and fault: `assertCoverage(coverage(), ['SERVICE_BUSY'])`. */
export const coverage = () => defaultMock().coverage();

/** Ends an H5 authentication of the ready-made handlers as the page does (result, callback): `await completeAuthentication(id, { result: 'PASS' })`. */
export const completeAuthentication = (signatureId: string, completion: Completion) =>
  defaultMock().completeAuthentication(signatureId, completion);
