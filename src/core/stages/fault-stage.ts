import { faults, type Fault } from '../faults.js';
import type { Stage } from './stage.js';
import { keptText } from '../kept-text.js';

/** A transport fault by the `X-Mock-Fault` header, or for every request by the adapter's `fault` option. */
export const faultStage: Stage = {
  name: 'fault',
  run({ request, settings }) {
    const header = request.headers['x-mock-fault'];
    const name = header ?? settings.fault;
    if (name === undefined) return undefined;
    const source = header === undefined ? 'option' : 'header';
    if (!(faults as readonly string[]).includes(name)) {
      const message = `Unknown fault "${keptText(name, 64)}" in X-Mock-Fault. Valid faults: ${faults.join(', ')}`;
      return { outcome: 'CLIENT_ERROR', source, detail: message, extra: message };
    }
    return { fault: name as Fault, source, detail: `fault ${name}` };
  },
};
