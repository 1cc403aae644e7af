import { faults } from './faults.js';
import type { Stage } from './stage.js';
import { keptText } from '../text/kept-text.js';
import { didYouMean, matchName } from '../text/suggest-name.js';

/** A transport fault by the `X-Mock-Fault` header, or for every request by the adapter's `fault` option. */
export const faultStage: Stage = {
  name: 'fault',
  run({ request, settings }) {
    const header = request.headers['x-mock-fault'];
    const name = header ?? settings.fault;
    if (name === undefined) return undefined;
    const source = header === undefined ? 'option' : 'header';
    const match = matchName(name, faults);
    if (!match.ok) {
      const message = `Unknown fault "${keptText(name, 64)}" in X-Mock-Fault: ${didYouMean(match)}Valid faults: ${faults.join(', ')}`;
      return { outcome: 'CLIENT_ERROR', source, detail: message, extra: message };
    }
    return { fault: match.name, source, detail: `fault ${match.name}` };
  },
};
