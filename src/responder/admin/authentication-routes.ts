import { jsonAnswer } from '../answer.js';
import { parseCompletion } from '../journey/complete-authentication.js';
import type { AdminRoute } from './admin-route.js';
import { keptText } from '../../core/text/kept-text.js';
import { withoutUserinfo } from '../../core/http/url-userinfo.js';
import type { Authentication } from '../../state/authentication-store.js';

/** An authentication as the admin API shows it: callbackUrl without the credentials the callback sends. */
const shown = (authentication: Authentication): Authentication => ({
  ...authentication,
  callbackUrl: withoutUserinfo(authentication.callbackUrl),
});

/** The H5 authentications: list, read, and complete one headlessly (what the page does, callback included). */
export const authenticationRoutes: AdminRoute[] = [
  {
    path: '/__admin/authentications',
    methods: {
      GET: async (_request, _params, context) => jsonAnswer(200, { authentications: (await context.authentications.all()).map(shown) }),
    },
  },
  {
    path: '/__admin/authentications/{signatureId}',
    methods: {
      GET: async (_request, { signatureId }, context) => {
        const authentication = await context.authentications.get(signatureId!);
        return authentication
          ? jsonAnswer(200, shown(authentication))
          : jsonAnswer(404, { error: `no authentication ${keptText(signatureId!, 100)}` });
      },
    },
  },
  {
    path: '/__admin/authentications/{signatureId}/complete',
    methods: {
      async POST(request, { signatureId }, context) {
        const completion = parseCompletion(request.bodyText);
        if (typeof completion === 'string') return jsonAnswer(400, { error: completion });
        const outcome = await context.complete(signatureId!, completion);
        if (!outcome.ok) return jsonAnswer(outcome.status, { error: outcome.error });
        const wait = /"waitForCallback"\s*:\s*true/.test(request.bodyText ?? '');
        const { result } = outcome.authentication;
        return jsonAnswer(200, {
          signatureId,
          overallResult: result!.overallResult,
          errorCode: result!.errorCode,
          faceDetail: result!.faceDetail,
          redirectUrl: outcome.redirectUrl,
          ...(wait ? { callbackAttempts: await outcome.delivery } : {}),
        });
      },
    },
  },
];
