// Node entry: setupServer with the ready-made handlers, and rules read from a file.
import { setupServer } from 'msw/node';
import { handlers } from './default-mock.js';

export * from './index.js';
export { loadRulesFile } from '../src/node/load-rules-file.js';

/** `server.listen()` in a setup file answers the enroll API in every test. */
export const server = setupServer(...handlers);
