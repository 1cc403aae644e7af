import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollMock } from '../../mocks/index.js';
import { deleteEnrollPath, getEnrollPath, getResultPath } from '../../src/generated/outcomes.js';
import { enrollmentWithoutImage } from '../support/enrollment-without-image.js';

const mock = createEnrollMock({ seed: 6, baseUrls: ['https://journey-fault.msw.test'] });
const server = setupServer(...mock.handlers);
const post = (path: string, body: unknown) =>
  fetch(`https://journey-fault.msw.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-access-token': 't' },
    body: JSON.stringify(body),
  });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe("mock.fault(name, { path }): the one-test fault helper on the journey's operations", () => {
  it('answers the next request to that operation with the fault, then answers as usual', async () => {
    server.use(mock.fault('gateway-502', { path: getResultPath }));
    const faulted = await post(getResultPath, { signatureId: 'f302f5d2454a85c2' });
    expect([faulted.status, faulted.headers.get('content-type')]).toEqual([502, 'text/html']);
    expect((await (await post(getResultPath, { signatureId: 'f302f5d2454a85c2' })).json()).code).toBe('SIGNATURE_NOT_EXIST');
    // Through the responder's force, so the journal names who chose it.
    expect(mock.journal.list().requests.find((r) => r.path === getResultPath)).toMatchObject({ source: 'force', fault: 'gateway-502' });
  });

  it('resets the next delete-enroll, which then deletes nothing', async () => {
    await mock.store.add({
      ...enrollmentWithoutImage('kept', { enrolledAt: new Date().toISOString(), transactionId: '0123456789abcdef' }),
    });
    server.use(mock.fault('reset', { path: deleteEnrollPath }));
    await expect(post(deleteEnrollPath, { userId: 'kept' })).rejects.toThrow(TypeError);
    expect(mock.store.faces('kept')).toHaveLength(1);
    // Only that operation: get-enroll still answers.
    expect((await (await post(getEnrollPath, { userId: 'kept' })).json()).code).toBe('SUCCESS');
  });

  it('refuses a path that is not an operation, naming the valid ones', () => {
    expect(() => mock.fault('reset', { path: '/face-authentication/get-enrol' })).toThrow(
      /not an operation's path; use one of .*get-enroll/,
    );
  });
});
