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
