import type { HeadersInput } from '../core/http/normalize-headers.js';

/** A request as every adapter can give it: no streams, no framework types. */
export interface PlainRequest {
  method: string;
  /** The path the operation is routed by (without the query); MSW passes the operation's own path. */
  path: string;
  /** The query string (`?a=1`), for the admin API's filters; operations ignore it. */
  query?: string;
  headers?: HeadersInput;
  bodyText?: string;
  /**
   * The JSON body already parsed by the adapter, when it could do it cheaper than JSON.parse of bodyText (the
   * server parses from the bytes: src/server/parse-json-body.ts); undefined leaves the parsing to the operation.
   */
  body?: unknown;
  /** Aborted when the client goes away: a download stops, and nothing is stored. */
  signal?: AbortSignal;
  /** The origin the request came to (`http://127.0.0.1:4010`), for the URLs the mock serves itself. */
  origin?: string;
}
