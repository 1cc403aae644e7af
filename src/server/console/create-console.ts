import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JournalState } from '../../state/mock-state.js';
import { consolePage } from './console-page.js';
import { createEventStream } from './create-event-stream.js';
import { keptText } from '../../core/text/kept-text.js';

export interface AdminConsole {
  /** Answers the console's own paths (the page, its event stream); false for any other path. */
  handle(request: IncomingMessage, response: ServerResponse, path: string): boolean;
  /** Ends the live streams, so the server can close. */
  close(): void;
}

const PAGE_PATHS = new Set(['/__admin/', '/__admin/console']);

/**
 * The QA console over HTTP: the page at /__admin/ (and /__admin/console) and its live journal at
 * /__admin/events. Only the server has these; the admin API itself stays in the responder (every adapter).
 */
export function createConsole(journal: JournalState, options: { maxEventClients?: number; heartbeatMs?: number } = {}): AdminConsole {
  // Undefined takes the stream's own defaults (its destructuring defaults apply to undefined as to absent).
  const events = createEventStream(journal, { maxClients: options.maxEventClients, heartbeatMs: options.heartbeatMs });
  return {
    handle(request, response, path) {
      if (path !== '/__admin' && path !== '/__admin/events' && !PAGE_PATHS.has(path)) return false;
      const method = request.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') {
        const body = JSON.stringify({ error: `${method} is not allowed on ${keptText(path, 300)}; use GET` });
        response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        return (response.end(body), true);
      }
      if (path === '/__admin') {
        const query = request.url?.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        response.writeHead(308, { location: `/__admin/${query}`, 'content-length': '0' });
        return (response.end(), true);
      }
      if (path === '/__admin/events') return (events.handle(request, response), true);
      const nonce = randomBytes(16).toString('base64');
      const page = consolePage(nonce);
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(page),
        'cache-control': 'no-store',
        // Nothing but this server: the page works offline and no injected markup can load or run anything else.
        'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data: blob:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      response.end(method === 'HEAD' ? undefined : page);
      return true;
    },
    close: () => events.close(),
  };
}
