/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the fields every importer reads: a browser's
 * network panel, Charles, Fiddler. One builder for the journal's `GET /__admin/requests?format=har` and the
 * proxy's `--record FILE.har`; what goes into the bodies is the caller's (already summarised, never an image).
 */
export interface HarExchange {
  startedDateTime: string;
  /** Total time in ms (the answer's latency). */
  time: number;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: { mimeType: string; text: string };
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: { mimeType: string; text: string };
  comment?: string;
}

/** Headers never written into a HAR: credentials (the token, Basic auth, cookies, the admin token). */
const CREDENTIAL_HEADERS = new Set(['x-access-token', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-admin-token']);

const headerList = (headers: Record<string, string>) =>
  Object.entries(headers)
    .filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase()))
    .map(([name, value]) => ({ name, value }));

const queryOf = (url: string) => {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
};

/** A HAR 1.2 log of the exchanges, oldest first. `creator` names the kit's part that wrote it. */
export function harLog(exchanges: readonly HarExchange[], creator: { name: string; version: string }): { log: object } {
  return {
    log: {
      version: '1.2',
      creator,
      entries: exchanges.map((e) => ({
        startedDateTime: e.startedDateTime,
        time: e.time,
        request: {
          method: e.method,
          url: e.url,
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: headerList(e.requestHeaders),
          queryString: queryOf(e.url),
          ...(e.requestBody ? { postData: { mimeType: e.requestBody.mimeType, params: [], text: e.requestBody.text } } : {}),
          headersSize: -1,
          bodySize: e.requestBody ? e.requestBody.text.length : 0,
        },
        response: {
          status: e.status,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: headerList(e.responseHeaders),
          content: { size: e.responseBody.text.length, mimeType: e.responseBody.mimeType, text: e.responseBody.text },
          redirectURL: '',
          headersSize: -1,
          bodySize: e.responseBody.text.length,
        },
        cache: {},
        timings: { send: 0, wait: e.time, receive: 0 },
        ...(e.comment ? { comment: e.comment } : {}),
      })),
    },
  };
}
