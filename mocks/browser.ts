// Browser entry: setupWorker with the ready-made handlers. Never imports Node modules.
import { setupWorker, type SetupWorker } from 'msw/browser';
import { handlers } from './default-mock.js';
import { lazy } from './lazy.js';

export * from './index.js';

/** `await worker.start()` before the app renders; the worker script comes from `npx msw init public/`. Made on first use. */
export const worker: SetupWorker = lazy(() => setupWorker(...handlers), {} as SetupWorker);
