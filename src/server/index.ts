/**
 * face-enroll-mock/server: the mock server from code, e.g. in a test runner's global setup. Types only: the
 * server (embedded Prism, pino) runs from one esbuild bundle, dist/bundle/server.mjs, whose dependencies are
 * not installed for users (docs/decisions/0008-light-install-and-browser-bundle.md); the exports map sends
 * the import there and the types here. The implementation is src/server/start-mock-server.ts, which is
 * checked against this declaration.
 */
import type { ServerOptions } from './server-options.js';
import type { StartedMockServer } from './started-mock-server.js';

export type { ServerOptions, ServerLogger } from './server-options.js';
export type { StartedMockServer, StartedMockServerRules } from './started-mock-server.js';
export type { CoverageReport } from '../responder/create-coverage.js';
export type { RuleEntry } from '../core/rules/create-rule-book.js';
export type { Rule } from '../core/rules/parse-rules.js';
export type { EnrollmentState } from '../state/enrollment-store.js';
export type { JournalState } from '../state/mock-state.js';

/**
 * Starts the mock server (the same one `face-enroll-mock serve` runs: every answer validated against the
 * spec by embedded Prism) and resolves once it listens. `port` defaults to 0 here (a free port; read `url`),
 * `host` to 127.0.0.1; every other option is the CLI's, with the same defaults.
 */
export declare function startMockServer(options?: ServerOptions): Promise<StartedMockServer>;
