// Prism's own stages, reached by path (and its spec loader, for OpenAPI 3 only: load-operations.ts): the
// package has no exports map, and its index pulls in the dynamic
// example generator (json-schema-faker and an old faker), which costs over a second of start-up for a
// feature the kit does not use (it only ever serves named examples). docs/decisions/0005-embedded-prism.md.
import negotiatorModule from '@stoplight/prism-http/dist/mocker/negotiator/NegotiatorHelpers.js';
import { validateOutput } from '@stoplight/prism-http/dist/validator/index.js';
import type { IHttpResponse } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { EnrollResponse } from '../core/render-envelope.js';
import { loadOperations } from './load-operations.js';

export interface Violation {
  location: string;
  message: string;
}

export interface PrismEngine {
  /**
   * Asks Prism for the spec's example `exampleKey` under `status` at `path` (POST), and lays the request's
   * own values (transactionId, extra) over it: code and message come from the spec, through Prism.
   */
  render(path: string, status: number, exampleKey: string, own: Pick<EnrollResponse, 'transactionId' | 'extra'>): IHttpResponse;
  /** Prism's validation of a response against the operation at `path`: empty when it conforms. */
  validate(path: string, method: string, response: IHttpResponse): Violation[];
  /**
   * validate(), once per answer shape: answers rendered from one example differ only in transactionId (16
   * hex digits from the core) and whether extra is null, so the first of each shape stands for the rest.
   * Prism's validation was the largest cost left per request (docs/benchmarks.md).
   */
  validateShape(shapeKey: string, path: string, method: string, response: IHttpResponse): Violation[];
  operations: IHttpOperation[];
}

// A CommonJS module with `exports.default`: Node hands ESM the whole exports object, while bundlers and
// vitest hand over `exports.default` itself. Accept both.
type Negotiator = typeof negotiatorModule.default;
const negotiator: Negotiator = (negotiatorModule as { default?: Negotiator }).default ?? (negotiatorModule as unknown as Negotiator);

/** Prism's stages log through a logger with a `success` level; the kit logs its decisions itself. */
const quiet = new Proxy({}, { get: (_target, name) => (name === 'child' ? () => quiet : () => undefined) }) as never;

/** The embedded Prism engine (in-process): example negotiation and response validation from the spec. */
export async function createPrismEngine(specPath: string): Promise<PrismEngine> {
  const operations = await loadOperations(specPath);
  const find = (path: string, method: string) => operations.find((op) => op.path === path && op.method === method.toLowerCase());
  // The examples are static, so Prism negotiates each (path, status, name) once.
  const examples = new Map<string, Record<string, unknown>>();

  const negotiate = (path: string, status: number, exampleKey: string): Record<string, unknown> => {
    const operation = find(path, 'post');
    if (!operation) throw new Error(`Prism: no POST ${path} operation in ${specPath}`);
    const result = negotiator.negotiateOptionsForValidRequest(operation, { code: status, exampleKey, dynamic: false })(quiet);
    if (isLeft(result))
      throw new Error(`Prism could not find example ${exampleKey} (${status}) at ${path}: ${(result.left as Error).message}`);
    const example = result.right.bodyExample as { value?: unknown } | undefined;
    if (!example || typeof example.value !== 'object' || example.value === null)
      throw new Error(`Prism: example ${exampleKey} at ${path} has no object value`);
    return example.value as Record<string, unknown>;
  };

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
    render(path, status, exampleKey, own) {
      const key = `${path} ${status} ${exampleKey}`;
      let value = examples.get(key);
      if (!value) examples.set(key, (value = negotiate(path, status, exampleKey)));
      return {
        statusCode: status,
        headers: { 'content-type': 'application/json' },
        body: { ...value, transactionId: own.transactionId, extra: own.extra },
      };
    },
  };
}
