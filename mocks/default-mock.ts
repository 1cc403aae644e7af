import { createEnrollMock } from './create-enroll-mock.js';
import type { OutcomeName } from '../src/core/outcome-catalog.js';
import type { OnceOption } from './create-enroll-mock.js';

/** The mock behind the ready-made `handlers` and the one-test helpers, with every default. */
const defaultMock = createEnrollMock();

/** Ready-made handlers: the vendor hosts and the page's origin, the default rules, a token required. */
export const handlers = defaultMock.handlers;

/** The state behind `handlers`: `enrollments.reset()` in afterEach keeps tests apart. */
export const enrollments = defaultMock.store;

/** `server.use(enrollOutcome('REGION_WRONG'))`: the next enroll answers that outcome. A typo is a type error. */
export const enrollOutcome = (name: OutcomeName, options?: OnceOption) => defaultMock.outcome(name, options);

/** `server.use(enrollNetworkError())`: the next enroll fails at the network level. */
export const enrollNetworkError = (options?: OnceOption) => defaultMock.networkError(options);

/** `server.use(enrollDelay(2000))`: the next enroll is answered 2 s late. */
export const enrollDelay = (ms: number, options?: OnceOption) => defaultMock.delay(ms, options);
