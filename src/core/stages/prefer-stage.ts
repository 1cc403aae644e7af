import { didYouMean, matchName } from '../text/suggest-name.js';
import type { Stage } from './stage.js';
import { keptText } from '../text/kept-text.js';

export const PREFER_EXAMPLE = /(?:^|[;,\s])example=("?)([^";,\s]*)\1/;

/**
 * `Prefer: example=NAME` forces a named example of the operation's catalog, as with Prism (any case: example=error
 * is ERROR); other preferences in the header are ignored.
 */
export const preferStage: Stage = {
  name: 'prefer',
  run({ request, preferable, stateful = [] }) {
    const prefer = request.headers['prefer'];
    const name = prefer ? PREFER_EXAMPLE.exec(prefer)?.[2] : undefined;
    if (name === undefined) return undefined;
    const match = matchName(name, preferable);
    if (!match.ok) {
      // A stateful example is known but cannot be forced: say so rather than call it unknown.
      const known = matchName(name, stateful);
      const message = known.ok
        ? `Example "${known.name}" cannot be forced by the Prefer header: its data comes from the mock's state (send the request that makes it). Valid names: ${preferable.join(', ')}`
        : `Unknown example "${keptText(name, 64)}" in the Prefer header: ${didYouMean(match)}Valid names: ${preferable.join(', ')}`;
      return { outcome: 'CLIENT_ERROR', source: 'prefer', detail: message, extra: message };
    }
    return { outcome: match.name, source: 'prefer', detail: `forced by Prefer: example=${match.name}` };
  },
};
