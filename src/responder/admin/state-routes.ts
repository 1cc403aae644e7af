import { jsonAnswer, noContent } from '../answer.js';
import type { Enrollment } from '../../state/enrollment.js';
import type { AdminContext, AdminRoute } from './admin-route.js';
import { keptText } from '../../core/kept-text.js';

/** Each face whose bytes are kept gets a link to them (the console's thumbnails): the same signed URL Get Enroll gives. */
async function withImageUrls(faces: Enrollment[], context: AdminContext): Promise<Array<Enrollment & { imageUrl?: string }>> {
  return Promise.all(
    faces.map(async (face) =>
      context.store.image(face.transactionId) ? { ...face, imageUrl: await context.faceUrl(face.transactionId) } : face,
    ),
  );
}

/** Health, the enrolled state and reset: the admin API's first endpoints, in WireMock's spirit. */
export const stateRoutes: AdminRoute[] = [
  {
    path: '/__admin/health',
    methods: {
      GET: (_request, _params, context) => {
        const rulesState = context.rules.state();
        return jsonAnswer(200, {
          status: 'ok',
          rules: rulesState.count,
          uptimeSeconds: (Date.now() - context.startedAt) / 1000,
          rulesState,
        });
      },
    },
  },
  {
    path: '/__admin/enrollments',
    methods: {
      GET: async (_request, _params, context) => jsonAnswer(200, { enrollments: await withImageUrls(context.store.all(), context) }),
    },
  },
  {
    path: '/__admin/enrollments/{userId}',
    methods: {
      GET: (_request, { userId }, context) => jsonAnswer(200, { enrollments: context.store.faces(userId!) }),
      DELETE: (_request, { userId }, context) =>
        context.store.forget(userId!)
          ? noContent()
          : jsonAnswer(404, {
              errors: [`no enrollment for userId ${JSON.stringify(keptText(userId!, 100))} (GET /__admin/enrollments lists them)`],
            }),
    },
  },
  {
    path: '/__admin/reset',
    methods: {
      POST: (_request, _params, context) => {
        context.store.reset();
        context.authentications.reset();
        context.journal.clear();
        context.rules.clearRuntime();
        context.coverage.reset();
        return noContent();
      },
    },
  },
];
