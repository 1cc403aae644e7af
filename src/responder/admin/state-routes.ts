import { jsonAnswer, noContent } from '../answer.js';
import type { Enrollment } from '../../core/enroll/enrollment.js';
import type { AdminContext, AdminRoute } from './admin-route.js';
import { keptText } from '../../core/text/kept-text.js';

/** Each face whose bytes are kept gets a link to them (the console's thumbnails): the same signed URL Get Enroll gives. */
async function withImageUrls(faces: Enrollment[], context: AdminContext): Promise<Array<Enrollment & { imageUrl?: string }>> {
  return Promise.all(
    faces.map(async (face) =>
      (await context.store.image(face.transactionId)) ? { ...face, imageUrl: await context.faceUrl(face.transactionId) } : face,
    ),
  );
}

/** Health, the enrolled state and reset: the admin API's first endpoints, in WireMock's spirit. */
export const stateRoutes: AdminRoute[] = [
  {
    path: '/__admin/health',
    methods: {
      GET: async (_request, _params, context) => {
        const rulesState = await context.rules.state();
        // A load balancer's health check: 503 when the shared store does not answer, so the replica is taken out.
        const store = await context.stateHealth();
        return jsonAnswer(store.reachable ? 200 : 503, {
          status: store.reachable ? 'ok' : 'unavailable',
          rules: rulesState.count,
          uptimeSeconds: (Date.now() - context.startedAt) / 1000,
          rulesState,
          store,
        });
      },
    },
  },
  {
    path: '/__admin/enrollments',
    methods: {
      GET: async (_request, _params, context) => jsonAnswer(200, { enrollments: await withImageUrls(await context.store.all(), context) }),
    },
  },
  {
    path: '/__admin/enrollments/{userId}',
    methods: {
      GET: async (_request, { userId }, context) => jsonAnswer(200, { enrollments: await context.store.faces(userId!) }),
      DELETE: async (_request, { userId }, context) =>
        (await context.store.forget(userId!))
          ? noContent()
          : jsonAnswer(404, {
              errors: [`no enrollment for userId ${JSON.stringify(keptText(userId!, 100))} (GET /__admin/enrollments lists them)`],
            }),
    },
  },
  {
    path: '/__admin/reset',
    methods: {
      POST: async (_request, _params, context) => {
        await context.store.reset();
        await context.resetState();
        await context.authentications.reset();
        await context.journal.clear();
        await context.rules.reset();
        context.coverage.reset();
        return noContent();
      },
    },
  },
];
