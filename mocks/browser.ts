// Browser entry: setupWorker with the ready-made handlers. Never imports Node modules.
import { setupWorker } from 'msw/browser';
import { handlers } from './default-mock.js';

export * from './index.js';

/** `await worker.start()` before the app renders; the worker script comes from `npx msw init public/`. */
export const worker = setupWorker(...handlers);
