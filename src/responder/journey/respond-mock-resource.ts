import { jsonAnswer, type HttpAnswer } from '../answer.js';
import type { OperationContext } from '../operation.js';
import type { PlainRequest } from '../plain-request.js';
import { completeAuthentication, parseCompletion } from './complete-authentication.js';
import { keptText } from '../../core/text/kept-text.js';
import { decodeBase64 } from '../../core/image/decode-base64.js';
import { exampleFaceJpegBase64 } from '../../generated/request-rules.js';

/** An object-store style error, as a signed image link that no longer works answers (the kit's choice). */
const storeError = (status: 403 | 404, code: string, message: string): HttpAnswer => ({
  kind: 'http',
  status,
  headers: { 'content-type': 'application/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`,
});

const html = (status: number, body: string): HttpAnswer => ({
  kind: 'http',
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body,
});

const FACE = /^\/__mock\/faces\/([^/]+)\/([^/]+)\/([^/]+)$/;
/** The spec's example face (its urlImage request example downloads it), so replayed examples never leave the machine. */
const EXAMPLE_FACE = '/__mock/examples/face.jpg';
let exampleFace: Uint8Array | undefined;
const H5 = /^\/__mock\/h5\/([0-9a-zA-Z]+)$/;
const H5_COMPLETE = /^\/__mock\/h5\/([0-9a-zA-Z]+)\/complete$/;

/** The one method a mock resource takes (GET also answers HEAD), or null when the mock serves nothing there. */
export function mockResourceMethod(path: string): 'GET' | 'POST' | null {
  return FACE.test(path) || H5.test(path) || path === EXAMPLE_FACE ? 'GET' : H5_COMPLETE.test(path) ? 'POST' : null;
}

/** The H5 page and its completion: a page other sites may neither read (no CORS) nor frame unless asked. */
export function isH5Path(path: string): boolean {
  return H5.test(path) || H5_COMPLETE.test(path);
}

/**
 * What the mock serves itself under /__mock/ (not vendor operations): the spec's example face, the enrolled faces' images behind Get
 * Enroll's expiring URLs, and the H5 page with its completion. GET, plus the page's own POST.
 */
export async function respondMockResource(request: PlainRequest, context: OperationContext): Promise<HttpAnswer> {
  const method = request.method.toUpperCase();
  const route = mockResourceMethod(request.path);
  if (!route) return jsonAnswer(404, { error: `the mock serves nothing at ${keptText(request.path, 300)}` });
  if (method !== route && !(route === 'GET' && method === 'HEAD')) {
    return jsonAnswer(405, { error: `${method} is not allowed on ${keptText(request.path, 300)}; use ${route}` }, { allow: route });
  }
  if (request.path === EXAMPLE_FACE) {
    exampleFace ??= decodeBase64(exampleFaceJpegBase64)!;
    return {
      kind: 'http',
      status: 200,
      headers: { 'content-type': 'image/jpeg', 'cache-control': 'public, max-age=86400' },
      body: exampleFace,
    };
  }
  const face = FACE.exec(request.path);
  if (face) {
    const [transactionId, expires, signature] = face.slice(1).map((part) => decodeURIComponent(part!)) as [string, string, string];
    const verdict = await context.journey.checkFaceUrl(transactionId, expires, signature);
    if (verdict === 'forged') return storeError(403, 'SignatureDoesNotMatch', 'The request signature does not match');
    if (verdict === 'expired') return storeError(403, 'AccessDenied', 'Request has expired');
    const image = await context.store.image(transactionId);
    if (!image) return storeError(404, 'NoSuchKey', 'The specified key does not exist.');
    return {
      kind: 'http',
      status: 200,
      headers: { 'content-type': image.contentType, 'cache-control': `private, max-age=${context.journey.imageUrlTtlSeconds}` },
      body: image.bytes,
    };
  }
  const signatureId = (H5.exec(request.path) ?? H5_COMPLETE.exec(request.path))![1]!;
  const authentication = await context.authentications.get(signatureId);
  if (!authentication)
    return html(404, `<!doctype html><title>Not found</title><p>No authentication ${signatureId}: generate a new URL.</p>`);
  if (route === 'GET') {
    const origin = context.journey.originOf(request);
    const faces = await context.store.faces(authentication.userId);
    const urls = await Promise.all(faces.map((f) => context.journey.faceUrl(origin, f.transactionId)));
    // The page's markup loads on first use: a browser app that never opens an H5 link does not download it.
    const { h5Page } = await import('./h5-page.js');
    const nonce = pageNonce();
    const page = html(200, h5Page(authentication, urls, nonce));
    return { ...page, headers: { ...page.headers, ...h5PageHeaders(nonce, authentication.inputParameters.iframeEnabled === true) } };
  }
  const completion = parseCompletion(request.bodyText);
  if (typeof completion === 'string') return jsonAnswer(400, { error: completion });
  const outcome = await completeAuthentication(signatureId, completion, context);
  if (!outcome.ok) return jsonAnswer(outcome.status, { error: outcome.error });
  // The page leaves at once; the callback goes on in the background, journaled attempt by attempt.
  void outcome.delivery;
  const { result } = outcome.authentication;
  return jsonAnswer(200, {
    signatureId,
    overallResult: result!.overallResult,
    errorCode: result!.errorCode,
    redirectUrl: outcome.redirectUrl,
  });
}

/** 16 random bytes in base64: the CSP nonce of one H5 page answer (crypto.getRandomValues runs in every adapter). */
function pageNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The console's headers for the H5 page: nothing but this server may load or run (its own nonced script and
 * style), no sniffing, no referrer. Framing is refused unless the URL was generated with iframeEnabled: true,
 * as the vendor's page is embedded only then; a site framing it otherwise cannot lure a click on Pass or Fail.
 */
function h5PageHeaders(nonce: string, iframeEnabled: boolean): Record<string, string> {
  return {
    'content-security-policy':
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data: blob:; media-src 'self' blob:; ` +
      `connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors ${iframeEnabled ? '*' : "'none'"}`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(iframeEnabled ? {} : { 'x-frame-options': 'DENY' }),
  };
}
