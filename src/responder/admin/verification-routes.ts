import { jsonAnswer, noContent } from '../answer.js';
import type { JournalEntry } from '../create-journal.js';
import { journalEntryMatches, parseRequestPattern } from '../match-journal-entry.js';
import { readJsonBody, type AdminRoute } from './admin-route.js';

/** `GET /__admin/requests?userId=&outcome=&source=&since=`: since is an ISO time or an entry id. */
function filterOf(query: string | undefined): (entry: JournalEntry) => boolean {
  const params = new URLSearchParams(query ?? '');
  const userId = params.get('userId');
  const outcome = params.get('outcome');
  const source = params.get('source');
  const since = params.get('since');
  const sinceId = since !== null && /^\d+$/.test(since) ? Number(since) : undefined;
  const sinceTime = since !== null && sinceId === undefined ? Date.parse(since) : undefined;
  return (entry) =>
    (userId === null || entry.userId === userId) &&
    (outcome === null || entry.outcome === outcome) &&
    (source === null || entry.source === source) &&
    (sinceId === undefined || entry.id > sinceId) &&
    (sinceTime === undefined || Number.isNaN(sinceTime) || Date.parse(entry.time) >= sinceTime);
}

/** Verification (WireMock's verify) and outcome coverage, over what the responder recorded. */
export const verificationRoutes: AdminRoute[] = [
  {
    path: '/__admin/requests',
    methods: {
      GET: async (request, _params, context) => {
        const { requests, dropped } = await context.journal.list();
        return jsonAnswer(200, { requests: requests.filter(filterOf(request.query)), dropped });
      },
      DELETE: async (_request, _params, context) => (await context.journal.clear(), noContent()),
    },
  },
  {
    path: '/__admin/requests/count',
    methods: {
      POST: async (request, _params, context) => {
        const source = 'POST /__admin/requests/count';
        const body = readJsonBody(request, source);
        if (!body.ok) return jsonAnswer(400, { errors: body.errors });
        const parsed = parseRequestPattern(body.value, source);
        if (!parsed.ok) return jsonAnswer(400, { errors: parsed.errors });
        let count = 0;
        for (const entry of (await context.journal.list()).requests) if (await journalEntryMatches(entry, parsed.pattern)) count++;
        return jsonAnswer(200, { count });
      },
    },
  },
  {
    path: '/__admin/coverage',
    methods: { GET: (_request, _params, context) => jsonAnswer(200, context.coverage.report()) },
  },
];
