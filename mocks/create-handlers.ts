import type { HttpHandler } from 'msw';
import { createEnrollMock, type EnrollMockOptions } from './create-enroll-mock.js';

/** `setupServer(...createHandlers({ seed: 1 }))`: the enroll handlers alone, MSW's usual shape. */
export function createHandlers(options: EnrollMockOptions = {}): HttpHandler[] {
  return createEnrollMock(options).handlers;
}
