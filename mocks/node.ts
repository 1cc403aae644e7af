// Node entry: setupServer with the ready-made handlers, and rules that may be a file path.
import { setupServer } from 'msw/node';
import type { HttpHandler } from 'msw';
import { createEnrollMock as createMock, type EnrollMock, type EnrollMockOptions } from './create-enroll-mock.js';
import { handlers } from './default-mock.js';
import { loadRulesFile } from '../src/node/load-rules-file.js';

export * from './index.js';
export { loadRulesFile };

/** In Node, `rules` may also be the path of a rules file (YAML or JSON), read and validated at once. */
export type NodeEnrollMockOptions = Omit<EnrollMockOptions, 'rules'> & { rules?: EnrollMockOptions['rules'] | string };

const resolve = (options: NodeEnrollMockOptions): EnrollMockOptions => {
  const { rules, ...rest } = options;
  return typeof rules === 'string' ? { ...rest, rules: loadRulesFile(rules) } : rules === undefined ? rest : { ...rest, rules };
};

export function createEnrollMock(options: NodeEnrollMockOptions = {}): EnrollMock {
  return createMock(resolve(options));
}

export function createHandlers(options: NodeEnrollMockOptions = {}): HttpHandler[] {
  return createMock(resolve(options)).handlers;
}

/** `server.listen()` in a setup file answers the enroll API in every test. */
export const server = setupServer(...handlers);
