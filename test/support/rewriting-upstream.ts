import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RewritingUpstream {
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for a vendor that changed one thing: forwards every request to `target` and passes
 * each JSON answer through `rewrite` (return the body changed, or as it is, or `'hang'` to never answer).
 */
export async function startRewritingUpstream(
  target: string,
  rewrite: (body: Record<string, unknown>) => Record<string, unknown> | 'hang',
): Promise<RewritingUpstream> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) headers[name] = value;
    const answer = await fetch(target + (req.url ?? '/'), {
      method: req.method ?? 'GET',
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
    });
    let text = await answer.text();
    try {
      const rewritten = rewrite(JSON.parse(text) as Record<string, unknown>);
      if (rewritten === 'hang') return; // the connection stays open, unanswered, until close()
      text = JSON.stringify(rewritten);
    } catch {
      // Not JSON: passed on as it is.
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
