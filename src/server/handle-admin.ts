import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EnrollmentStore } from '../state/enrollment-store.js';
import type { Journal } from './create-journal.js';

export interface AdminContext {
  store: EnrollmentStore;
  journal: Journal;
  rules: () => number;
  startedAt: number;
}

const ENDPOINTS = [
  'GET /__admin/health',
  'GET|DELETE /__admin/requests',
  'GET /__admin/enrollments',
  'GET /__admin/enrollments/{userId}',
  'POST /__admin/reset',
];

/** The admin API (spec/admin.yaml): journal, state and reset, in WireMock's spirit. */
export function handleAdmin(request: IncomingMessage, response: ServerResponse, path: string, context: AdminContext): void {
  const method = request.method ?? 'GET';
  const json = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const done = () => {
    response.writeHead(204);
    response.end();
  };
  const wrongMethod = (allowed: string) => {
    response.setHeader('allow', allowed);
    json(405, { error: `${method} is not allowed on ${path}; use ${allowed}` });
  };
  request.resume(); // admin endpoints take no body: drain whatever was sent

  if (path === '/__admin/health') {
    if (method !== 'GET') return wrongMethod('GET');
    return json(200, { status: 'ok', rules: context.rules(), uptimeSeconds: (Date.now() - context.startedAt) / 1000 });
  }
  if (path === '/__admin/requests') {
    if (method === 'GET') return json(200, context.journal.list());
    if (method === 'DELETE') return (context.journal.clear(), done());
    return wrongMethod('GET, DELETE');
  }
  if (path === '/__admin/enrollments') {
    if (method !== 'GET') return wrongMethod('GET');
    return json(200, { enrollments: context.store.all() });
  }
  if (path.startsWith('/__admin/enrollments/')) {
    if (method !== 'GET') return wrongMethod('GET');
    let userId: string;
    try {
      userId = decodeURIComponent(path.slice('/__admin/enrollments/'.length));
    } catch {
      return json(400, { error: 'the userId in the path is not valid percent-encoding' });
    }
    return json(200, { enrollments: context.store.faces(userId) });
  }
  if (path === '/__admin/reset') {
    if (method !== 'POST') return wrongMethod('POST');
    context.store.reset();
    context.journal.clear();
    return done();
  }
  json(404, { error: `no admin endpoint ${path}`, endpoints: ENDPOINTS });
}
