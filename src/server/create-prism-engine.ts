import { createInstance, getHttpOperationsFromSpec, type IHttpRequest, type IHttpResponse } from '@stoplight/prism-http';
// validateOutput is Prism's own response validator; the package has no exports map, so it is reached by path.
import { validateOutput } from '@stoplight/prism-http/dist/validator/index.js';
import type { IHttpOperation } from '@stoplight/types';
import { isLeft } from 'fp-ts/lib/Either.js';
import pino from 'pino';
import type { EnrollResponse } from '../core/render-envelope.js';

export interface Violation {
  location: string;
  message: string;
}

export interface PrismEngine {
  /**
   * Asks Prism for the spec's example `exampleKey` under `status`, and lays the request's own values
   * (transactionId, extra) over it: the body's code and message come from the spec through Prism.
   */
  render(path: string, status: number, exampleKey: string, own: Pick<EnrollResponse, 'transactionId' | 'extra'>): Promise<IHttpResponse>;
  /** Prism's validation of a response against the operation at `path`: empty when it conforms. */
  validate(path: string, method: string, response: IHttpResponse): Violation[];
  operations: IHttpOperation[];
}

// Prism logs through a pino logger with its own "success" level; the kit logs decisions itself.
const silent = pino({ level: 'silent', customLevels: { success: 35 } });

/** The embedded Prism engine (in-process, no second process): example selection and response validation. */
export async function createPrismEngine(specPath: string): Promise<PrismEngine> {
  const operations = await getHttpOperationsFromSpec(specPath);
  const prism = createInstance(
    { mock: { dynamic: false }, checkSecurity: false, validateRequest: false, validateResponse: false, errors: false, upstreamProxy: undefined, isProxy: false },
    // Prism types its logger as its own pino version's Logger; ours has the same shape and the success level.
    { logger: silent as unknown as Parameters<typeof createInstance>[1]['logger'] },
  );
  const find = (path: string, method: string) => operations.find((op) => op.path === path && op.method === method.toLowerCase());

  return {
    operations,
    async render(path, status, exampleKey, own) {
      // The request body is not passed: Prism does not validate it (the core does), and copying a 2 MB
      // base64 string into Prism would cost time for nothing.
      const input: IHttpRequest = { method: 'post', url: { path }, headers: { 'content-type': 'application/json' } };
      const result = await prism.request(input, operations, {
        mock: { dynamic: false, exampleKey, code: status },
        checkSecurity: false,
        validateRequest: false,
        validateResponse: false,
        errors: false,
        upstreamProxy: undefined,
        isProxy: false,
      })();
      if (isLeft(result)) throw new Error(`Prism could not render example ${exampleKey} (${status}) at ${path}: ${result.left.message}`);
      const output = result.right.output;
      const body = { ...(output.body as Record<string, unknown>), transactionId: own.transactionId, extra: own.extra };
      return { statusCode: output.statusCode, headers: { ...output.headers, 'content-type': 'application/json' }, body };
    },
    validate(path, method, response) {
      const operation = find(path, method);
      if (!operation) return [{ location: path, message: `no ${method.toUpperCase()} ${path} operation in the spec` }];
      const result = validateOutput({ resource: operation, element: response });
      return isLeft(result) ? result.left.map((d) => ({ location: (d.path ?? []).join('.'), message: d.message })) : [];
    },
  };
}
