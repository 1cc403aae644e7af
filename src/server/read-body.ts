import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads a request body up to `maxBytes`. Past the cap it stops at once (the rest is not buffered) and says
 * so; a client that goes away mid-body is 'aborted'. Never throws.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return resolve({ ok: false, reason: 'too-large' });
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        request.pause();
        return settle({ ok: false, reason: 'too-large' });
      }
      chunks.push(chunk);
    });
    request.on('end', () => settle({ ok: true, text: Buffer.concat(chunks, total).toString('utf8') }));
    request.on('error', () => settle({ ok: false, reason: 'aborted' }));
    request.on('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}
