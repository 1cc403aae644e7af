// Node entry: setupServer with the ready-made handlers, and rules that may be a file path.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setupServer, type SetupServer } from 'msw/node';
import type { HttpHandler } from 'msw';
import { createEnrollMock as createMock, type EnrollMock, type EnrollMockOptions } from './create-enroll-mock.js';
import { handlers } from './default-mock.js';
import { lazy } from './lazy.js';
import { provideMswCore, type MswCore } from './msw-core.js';
import { loadRulesFile } from '../src/node/load-rules-file.js';
import { resolveNodeRules, type NodeRulesOption } from '../src/node/resolve-node-rules.js';

export * from './helpers.js';
export { loadRulesFile };

// msw's main entry (http, HttpResponse) loads when the first mock is made, not with this entry: it brings GraphQL,
// WebSocket and SSE support that msw/node does not load, and importing the kit should cost little more than
// msw/node. Loaded with require() (an ES module in Node 20.19 and later), since handlers are made synchronously,
// from the very file import('msw') resolves to, so the handlers are of the same msw module as the test's own
// (msw 2 also ships a CommonJS copy, which require('msw') could pick).
provideMswCore(() => createRequire(import.meta.url)(fileURLToPath(import.meta.resolve('msw'))) as MswCore);

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
