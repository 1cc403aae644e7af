import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JournalState } from '../../state/mock-state.js';

/** Live journal clients at once: a console or two per tester; more is a leak (a tab opened in a loop). */
export const DEFAULT_MAX_EVENT_CLIENTS = 16;
/**
 * Bytes a live client may leave unread (buffered by the server) before it is dropped: a client that stops reading
 * would otherwise make the server keep every entry for it. 1 MiB is some 500 journal entries behind; a console
 * that reads keeps under a few KB. 16 clients x 1 MiB bounds the whole (docs/reliability.md).
 */
export const DEFAULT_MAX_UNREAD_BYTES = 1024 * 1024;
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
 * the journal still holds. At most `maxClients` streams at once; one more gets 503 with Retry-After. A client
 * with more than `maxUnreadBytes` written to it and not yet read is dropped (it reconnects with Last-Event-ID).
 */
export function createEventStream(
  journal: JournalState,
  { maxClients = DEFAULT_MAX_EVENT_CLIENTS, heartbeatMs = DEFAULT_HEARTBEAT_MS, maxUnreadBytes = DEFAULT_MAX_UNREAD_BYTES } = {},
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
      // What the server holds for this client (its response's and its socket's buffers) is checked at every write.
      const write = (text: string) => {
        if (response.destroyed) return;
        response.write(text);
        if (response.writableLength > maxUnreadBytes) response.destroy();
      };
      write(`retry: 2000\n: face-enroll-mock journal, one data line per request\n\n`);
      const send = (entry: { id: number }) => write(`id: ${entry.id}\ndata: ${JSON.stringify(entry)}\n\n`);
      const lastId = Number(request.headers['last-event-id']);
      // Entries recorded while the missed ones are read (a shared journal answers later) wait, then follow them.
      let sent = 0;
      let waiting: Array<{ id: number }> | null = Number.isInteger(lastId) && lastId > 0 ? [] : null;
      const unsubscribe = journal.subscribe((entry) => (waiting ? waiting.push(entry) : send(entry)));
      if (waiting)
        void Promise.resolve(journal.list())
          .then(({ requests }) => {
            for (const entry of requests) if (entry.id > lastId) (send(entry), (sent = entry.id));
          })
          .catch(() => {})
          .finally(() => {
            for (const entry of waiting ?? []) if (entry.id > sent) send(entry);
            waiting = null;
          });
      const heartbeat = setInterval(() => write(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
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
