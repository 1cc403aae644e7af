import type { EnrollmentStore } from '../state/enrollment-store.js';
import { jsonAnswer, noContent, type HttpAnswer } from './answer.js';
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
export function respondAdmin(method: string, path: string, context: AdminContext): HttpAnswer {
  const wrongMethod = (allowed: string) =>
    jsonAnswer(405, { error: `${method} is not allowed on ${path}; use ${allowed}` }, { allow: allowed });

  if (path === '/__admin/health') {
    if (method !== 'GET') return wrongMethod('GET');
    return jsonAnswer(200, { status: 'ok', rules: context.rules(), uptimeSeconds: (Date.now() - context.startedAt) / 1000 });
  }
  if (path === '/__admin/requests') {
    if (method === 'GET') return jsonAnswer(200, context.journal.list());
    if (method === 'DELETE') return (context.journal.clear(), noContent());
    return wrongMethod('GET, DELETE');
  }
  if (path === '/__admin/enrollments') {
    if (method !== 'GET') return wrongMethod('GET');
    return jsonAnswer(200, { enrollments: context.store.all() });
  }
  if (path.startsWith('/__admin/enrollments/')) {
    if (method !== 'GET') return wrongMethod('GET');
    let userId: string;
    try {
      userId = decodeURIComponent(path.slice('/__admin/enrollments/'.length));
    } catch {
      return jsonAnswer(400, { error: 'the userId in the path is not valid percent-encoding' });
    }
    return jsonAnswer(200, { enrollments: context.store.faces(userId) });
  }
  if (path === '/__admin/reset') {
    if (method !== 'POST') return wrongMethod('POST');
    context.store.reset();
    context.journal.clear();
    return noContent();
  }
  return jsonAnswer(404, { error: `no admin endpoint ${path}`, endpoints: ENDPOINTS });
}
