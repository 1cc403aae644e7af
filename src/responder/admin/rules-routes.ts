import type { RuleEntry } from '../../core/rules/create-rule-book.js';
import { jsonAnswer, noContent } from '../answer.js';
import { readJsonBody, type AdminRoute } from './admin-route.js';
import { keptText } from '../../core/text/kept-text.js';

const view = ({ id, origin, label, hits, rule }: RuleEntry) => ({ id, origin, label, hits, rule });

/** Runtime rules over HTTP (WireMock's stubs): list with hit counts, add before every other rule, remove. */
export const rulesRoutes: AdminRoute[] = [
  {
    path: '/__admin/rules',
    methods: {
      GET: async (_request, _params, context) =>
        jsonAnswer(200, { rules: (await context.rules.entries()).map(view), state: await context.rules.state() }),
      POST: async (request, _params, context) => {
        const source = 'POST /__admin/rules';
        const body = readJsonBody(request, source);
        if (!body.ok) return jsonAnswer(400, { errors: body.errors });
        const added = await context.rules.tryAdd(body.value, source);
        return added.ok ? jsonAnswer(201, view(added.entry)) : jsonAnswer(400, { errors: added.errors });
      },
      DELETE: async (_request, _params, context) => (await context.rules.clearRuntime(), noContent()),
    },
  },
  {
    path: '/__admin/rules/{id}',
    methods: {
      DELETE: async (_request, { id }, context) =>
        (await context.rules.remove(id!))
          ? noContent()
          : jsonAnswer(404, {
              errors: [`no runtime rule ${keptText(id!, 100)} (GET /__admin/rules lists them; a file rule is removed by editing the file)`],
            }),
    },
  },
];
