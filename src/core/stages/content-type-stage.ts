import type { Stage } from './stage.js';
import { keptText } from '../text/kept-text.js';

/** A body is read as JSON when its content type is JSON (any `+json` too) or not given at all. */
const isJsonContentType = (value: string | undefined) =>
  value === undefined || /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(value.trim());

/** The body must be JSON: by its content type, then by parsing. */
export const contentTypeStage: Stage = {
  name: 'content-type',
  run({ request }) {
    const type = request.headers['content-type'];
    if (!isJsonContentType(type)) {
      return { outcome: 'PARAMETER_ERROR', source: 'check', detail: `content type "${keptText(type!, 100)}" is not application/json` };
    }
    if (request.parseFailed)
      return { outcome: 'PARAMETER_ERROR', source: 'check', detail: request.parseDetail ?? 'the body is not valid JSON' };
    return undefined;
  },
};
