import type { HttpAnswer } from './answer.js';
import { operationPaths } from './operations.js';
import { mockResourceMethod } from './journey/respond-mock-resource.js';

/**
 * The methods a path of the mocked API takes (OPTIONS aside): POST for the vendor's operations, GET and HEAD
 * or POST for the mock's own resources; undefined for a path nothing is served at. The server's OPTIONS and
 * CORS preflight answers list exactly these, as its 405 answers' Allow does.
 */
export function pathMethods(path: string): readonly string[] | undefined {
  if (operationPaths.has(path)) return ['POST'];
  const method = mockResourceMethod(path);
  if (method === 'GET') return ['GET', 'HEAD'];
  return method ? [method] : undefined;
}

/**
 * The answer to an OPTIONS, plain or a CORS preflight, on a path the mock serves: 204 with what the path takes (the
 * Allow of its 405s). Every adapter answers it alike; the server adds a preflight's CORS headers.
 */
export function optionsAnswer(methods: readonly string[]): HttpAnswer {
  return { kind: 'http', status: 204, headers: { allow: [...methods, 'OPTIONS'].join(', ') }, body: '' };
}
