import { isPlainObject } from '../http/is-plain-object.js';
import type { StageRequest, Verdict } from './stage.js';

/**
 * The first check of every journey operation's fields stage: the body parsed as a JSON object, or the generic
 * PARAMETER_ERROR saying why not (not JSON, past the bounds, or not an object).
 */
export function objectBody(request: StageRequest): { body: Record<string, unknown> } | { refused: Verdict } {
  const { body, parseFailed, parseDetail } = request;
  if (parseFailed) return { refused: { outcome: 'PARAMETER_ERROR', source: 'check', detail: parseDetail ?? 'the body is not JSON' } };
  if (!isPlainObject(body)) return { refused: { outcome: 'PARAMETER_ERROR', source: 'check', detail: 'the body is not a JSON object' } };
  return { body };
}
