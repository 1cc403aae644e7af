// Prism's validator, reached by path (and its spec loader, for OpenAPI 3 only: load-operations.ts): the
// package has no exports map, and its index pulls in the dynamic example generator (json-schema-faker and an
// old faker), which costs over a second of start-up for a feature the kit does not use.
// docs/decisions/0005-embedded-prism.md.
import { validateOutput } from '@stoplight/prism-http/dist/validator/index.js';
import type { IHttpResponse } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { isLeft } from 'fp-ts/lib/Either.js';
import { loadOperations } from './load-operations.js';

export interface Violation {
  location: string;
  message: string;
}

export interface PrismEngine {
  /** Prism's validation of a response against the operation at `path`: empty when it conforms. */
  validate(path: string, method: string, response: IHttpResponse): Violation[];
  /**
   * validate(), once per answer shape: answers of one outcome differ only in transactionId (16 hex digits
   * from the core) and whether extra is null, so the first of each shape stands for the rest. Prism's
   * validation was the largest cost left per request (docs/benchmarks.md).
   */
  validateShape(shapeKey: string, path: string, method: string, response: IHttpResponse): Violation[];
  operations: IHttpOperation[];
}

/** The embedded Prism engine (in-process): response validation against the spec. The kit renders its own answers. */
export async function createPrismEngine(specPath: string): Promise<PrismEngine> {
  const operations = await loadOperations(specPath);
  const find = (path: string, method: string) => operations.find((op) => op.path === path && op.method === method.toLowerCase());
  const shapes = new Map<string, Violation[]>();
  const validate: PrismEngine['validate'] = (path, method, response) => {
    const operation = find(path, method);
    if (!operation) return [{ location: path, message: `no ${method.toUpperCase()} ${path} operation in the spec` }];
    const result = validateOutput({ resource: operation, element: response });
    return isLeft(result) ? result.left.map((d) => ({ location: (d.path ?? []).join('.'), message: d.message })) : [];
  };
  return {
    operations,
    validate,
    validateShape(shapeKey, path, method, response) {
      let violations = shapes.get(shapeKey);
      if (!violations) shapes.set(shapeKey, (violations = validate(path, method, response)));
      return violations;
    },
  };
}
