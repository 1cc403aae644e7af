// face-enroll-mock/msw: the handlers and helpers for any runtime, for your own setupServer or setupWorker.
export * from './helpers.js';
export { createEnrollMock } from './create-enroll-mock.js';
export { createHandlers } from './create-handlers.js';
