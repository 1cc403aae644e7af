import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Journal } from '../../responder/create-journal.js';

/** Live journal clients at once: a console or two per tester; more is a leak (a tab opened in a loop). */
export const DEFAULT_MAX_EVENT_CLIENTS = 16;
/** A comment line this often keeps proxies and idle timers from closing a quiet stream. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

export interface EventStream {
  /** Serves `GET /__admin/events`: every journal entry from now on, one `data:` JSON line each. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** How many clients are connected. */
  clients(): number;
  /** Ends every stream (server close): clients see a clean end, not a reset. */
  close(): void;
}

/**
 * The journal as server-sent events (text/event-stream), for the console's live view. Each event carries the
 * entry's id as its `id:`; a client that reconnects with Last-Event-ID first gets the entries it missed that
 * the journal still holds. At most `maxClients` streams at once; one more gets 503 with Retry-After.
 */
export function createEventStream(
  journal: Journal,
  { maxClients = DEFAULT_MAX_EVENT_CLIENTS, heartbeatMs = DEFAULT_HEARTBEAT_MS } = {},
): EventStream {
  const open = new Set<ServerResponse>();
  return {
    handle(request, response) {
      if (open.size >= maxClients) {
        const body = JSON.stringify({
          error: `too many live journal clients (${maxClients}); close a console tab, or read GET /__admin/requests instead`,
        });
        response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5', 'content-length': Buffer.byteLength(body) });
        return void response.end(body);
      }
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The stream outlives the server's request timer by design; the heartbeat shows it is alive.
      request.socket.setTimeout(0);
      response.write(`retry: 2000\n: face-enroll-mock journal, one data line per request\n\n`);
      const send = (entry: { id: number }) => response.write(`id: ${entry.id}\ndata: ${JSON.stringify(entry)}\n\n`);
      const lastId = Number(request.headers['last-event-id']);
      if (Number.isInteger(lastId) && lastId > 0) for (const entry of journal.list().requests) if (entry.id > lastId) send(entry);
      const unsubscribe = journal.subscribe(send);
      const heartbeat = setInterval(() => response.write(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
      heartbeat.unref();
      open.add(response);
      response.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(response);
      });
    },
    clients: () => open.size,
    close() {
      for (const response of open) response.end();
    },
  };
}
