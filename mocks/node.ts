// Node entry: setupServer with the ready-made handlers, and rules that may be a file path.
import { setupServer, type SetupServer } from 'msw/node';
import type { HttpHandler } from 'msw';
import { createEnrollMock as createMock, type EnrollMock, type EnrollMockOptions } from './create-enroll-mock.js';
import { handlers } from './default-mock.js';
import { lazy } from './lazy.js';
import { loadRulesFile } from '../src/node/load-rules-file.js';
import { resolveNodeRules, type NodeRulesOption } from '../src/node/resolve-node-rules.js';

export * from './helpers.js';
export { loadRulesFile };

/** In Node, `rules` may also be the path of a rules file (YAML or JSON), read and validated at once. */
export type NodeEnrollMockOptions = Omit<EnrollMockOptions, 'rules'> & { rules?: NodeRulesOption };

const resolve = ({ rules, ...rest }: NodeEnrollMockOptions): EnrollMockOptions => {
  const resolved = resolveNodeRules(rules);
  return resolved === undefined ? rest : { ...rest, rules: resolved };
};

export function createEnrollMock(options: NodeEnrollMockOptions = {}): EnrollMock {
  return createMock(resolve(options));
}

export function createHandlers(options: NodeEnrollMockOptions = {}): HttpHandler[] {
  return createMock(resolve(options)).handlers;
}

/** `server.listen()` in a setup file answers the API in every test. Made on first use, like `handlers`. */
export const server: SetupServer = lazy(() => setupServer(...handlers), {} as SetupServer);
