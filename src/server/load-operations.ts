import { transformOas3Operations } from '@stoplight/http-spec/oas3/operation';
import { bundleTarget, decycle } from '@stoplight/json';
import $RefParser from '@stoplight/json-schema-ref-parser';
import type { IHttpOperation } from '@stoplight/types';

/**
 * Prism's getHttpOperationsFromSpec (utils/operations), for OpenAPI 3 only: the same dereferencing and
 * transformation by @stoplight/http-spec, without the Swagger 2 and Postman readers, whose dependencies
 * (postman-collection, iconv-lite, mime-db...) were a fifth of the server's start-up code.
 */
export async function loadOperations(specPath: string): Promise<IHttpOperation[]> {
  const document = decycle(await new $RefParser().dereference(specPath)) as Record<string, unknown>;
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.')) {
    throw new Error(`${specPath} is not an OpenAPI 3 document (openapi: ${String(document.openapi)})`);
  }
  return transformOas3Operations(document as never).map(
    (operation) =>
      bundleTarget({ document: { ...document, __target__: operation }, path: '#/__target__', cloneDocument: false }) as IHttpOperation,
  );
}
