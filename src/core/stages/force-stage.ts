import { faults, type Fault } from './faults.js';
import type { Stage } from './stage.js';

const isFault = (name: string): name is Fault => (faults as readonly string[]).includes(name);

/** A caller's forced outcome or fault (the MSW one-shot helpers) wins over everything the request says. */
export const forceStage: Stage = {
  name: 'force',
  run({ force }) {
    if (force === undefined) return undefined;
    if (isFault(force)) return { fault: force, source: 'force', detail: `fault ${force} forced by the caller` };
    return { outcome: force, source: 'force', detail: `forced by the caller: ${force}` };
  },
};
