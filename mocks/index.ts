// face-enroll-mock/msw: the handlers and helpers for any runtime, for your own setupServer or setupWorker.
import { bypass, delay, http, HttpResponse } from 'msw';
import { provideMswCore } from './msw-core.js';

// A browser bundle (this entry and ./browser) needs msw's main entry imported; ./node loads it on first use.
provideMswCore({ bypass, delay, http, HttpResponse });

export * from './helpers.js';
export { createEnrollMock } from './create-enroll-mock.js';
export { createHandlers } from './create-handlers.js';
