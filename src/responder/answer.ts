import type { Fault } from '../core/stages/faults.js';
import { gatewayPage } from '../core/envelope/gateway-page.js';

/** An HTTP answer: what every adapter writes as it is. */
export interface HttpAnswer {
  kind: 'http';
  status: number;
  headers: Record<string, string>;
  /** Text, or bytes for the images the mock serves (/__mock/faces/). */
  body: string | Uint8Array;
}

/** What the responder answers: an HTTP answer, or a transport fault that is no response at all. */
export type Answer = HttpAnswer | { kind: 'reset' } | { kind: 'hang' };

/** The body a `malformed` fault sends: the start of a SUCCESS envelope, cut off mid-value. */
export const MALFORMED_BODY = '{"code":"SUCCESS","message":"OK","data":nu';

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer {
  return { kind: 'http', status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function noContent(): HttpAnswer {
  return { kind: 'http', status: 204, headers: {}, body: '' };
}

/** The vendor's gateway page (nginx HTML) for what the API itself never answers. */
export function gatewayAnswer(status: 404 | 405 | 413 | 502 | 504, headers: Record<string, string> = {}): HttpAnswer {
  return { kind: 'http', status, headers: { 'content-type': 'text/html', ...headers }, body: gatewayPage(status) };
}

/** The transport faults QA asks for (docs/qa-and-console.md, "Faults"), as every adapter must express them. */
export function faultAnswer(fault: Fault): Answer {
  switch (fault) {
    case 'reset':
      return { kind: 'reset' };
    case 'hang':
      return { kind: 'hang' };
    case 'malformed':
      return { kind: 'http', status: 200, headers: { 'content-type': 'application/json' }, body: MALFORMED_BODY };
    case 'gateway-502':
      return gatewayAnswer(502);
    case 'gateway-504':
      return gatewayAnswer(504);
  }
}
