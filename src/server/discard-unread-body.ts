import type { IncomingMessage } from 'node:http';

/**
 * Reads and drops the rest of a body the server answered without reading (over the cap: 413; no slot: busy),
 * up to `bound` bytes, then closes the connection. Closing at once instead makes the kernel reset a socket that
 * still has unread bytes, and a client that is still sending (Node's fetch, undici) sees ECONNRESET rather than
 * the answer; drained, every client gets it, and the connection stays usable. The bound keeps a client that
 * sends forever from costing more than `bound` bytes of reading (the request timeout bounds its time).
 */
export function discardUnreadBody(request: IncomingMessage, bound: number): void {
  let discarded = 0;
  // A 'data' listener of ours keeps Node from dumping the body itself (which removes every listener).
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > bound) request.destroy();
  });
  request.resume();
}
