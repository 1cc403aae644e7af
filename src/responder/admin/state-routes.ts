import { jsonAnswer, noContent } from '../answer.js';
import type { AdminRoute } from './admin-route.js';

/** Health, the journal, the enrolled state and reset: the admin API's first endpoints, in WireMock's spirit. */
export const stateRoutes: AdminRoute[] = [
  {
    path: '/__admin/health',
    methods: {
      GET: (_request, _params, context) =>
        jsonAnswer(200, { status: 'ok', rules: context.rules().length, uptimeSeconds: (Date.now() - context.startedAt) / 1000 }),
    },
  },
  {
    path: '/__admin/requests',
    methods: {
      GET: (_request, _params, context) => jsonAnswer(200, context.journal.list()),
      DELETE: (_request, _params, context) => (context.journal.clear(), noContent()),
    },
  },
  {
    path: '/__admin/enrollments',
    methods: { GET: (_request, _params, context) => jsonAnswer(200, { enrollments: context.store.all() }) },
  },
  {
    path: '/__admin/enrollments/{userId}',
    methods: { GET: (_request, { userId }, context) => jsonAnswer(200, { enrollments: context.store.faces(userId!) }) },
  },
  {
    path: '/__admin/reset',
    methods: {
      POST: (_request, _params, context) => {
        context.store.reset();
        context.authentications.reset();
        context.journal.clear();
        return noContent();
      },
    },
  },
];
