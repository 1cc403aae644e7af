import { harLog, type HarExchange } from '../../core/http/har-log.js';
import { keptText } from '../../core/text/kept-text.js';
import { suggestName } from '../../core/text/suggest-name.js';
import { jsonAnswer, noContent } from '../answer.js';
import type { JournalEntry } from '../../state/create-journal.js';
import { journalEntryMatches, parseRequestPattern } from '../match-journal-entry.js';
import { readJsonBody, type AdminRoute } from './admin-route.js';

const FILTERS = ['operation', 'userId', 'outcome', 'source', 'transactionId', 'since'] as const;

/**
 * `GET /__admin/requests?operation=&userId=&outcome=&source=&transactionId=&since=`: since is an ISO time or an entry id. An unknown filter or
 * a `since` that is neither is refused (400), as `/__admin/requests/count` refuses an unknown key: a typo must not
 * quietly answer the whole journal.
 */
function filterOf(query: string | undefined): { ok: true; keep: (entry: JournalEntry) => boolean } | { ok: false; errors: string[] } {
  const params = new URLSearchParams(query ?? '');
  const errors: string[] = [];
  for (const key of new Set(params.keys())) {
    // adminToken is the admin guard's (a GET may carry the token in the query, as the console does).
    // format picks the answer's shape (json, har), not the entries.
    if ((FILTERS as readonly string[]).includes(key) || key === 'adminToken' || key === 'format') continue;
    const nearest = suggestName(key, FILTERS);
    errors.push(
      `GET /__admin/requests: unknown filter \`${keptText(key, 64)}\`${nearest ? `: did you mean \`${nearest}\`?` : ''} Filters: ${FILTERS.join(', ')}`,
    );
  }
  const operation = params.get('operation');
  const transactionId = params.get('transactionId');
  const userId = params.get('userId');
  const outcome = params.get('outcome');
  const source = params.get('source');
  const since = params.get('since');
  const sinceId = since !== null && /^\d+$/.test(since) ? Number(since) : undefined;
  const sinceTime = since !== null && sinceId === undefined ? Date.parse(since) : undefined;
  if (sinceTime !== undefined && Number.isNaN(sinceTime))
    errors.push(
      `GET /__admin/requests: since=\`${keptText(since!, 64)}\` is neither an entry id (a whole number) nor an ISO time such as 2026-11-27T10:00:00Z`,
    );
  const format = params.get('format');
  if (format !== null && format !== 'json' && format !== 'har')
    errors.push(`GET /__admin/requests: format=\`${keptText(format, 64)}\` must be json (the default) or har (HAR 1.2)`);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    keep: (entry) =>
      (operation === null || entry.operation === operation) &&
      (transactionId === null || entry.transactionId === transactionId) &&
      (userId === null || entry.userId === userId) &&
      (outcome === null || entry.outcome === outcome) &&
      (source === null || entry.source === source) &&
      (sinceId === undefined || entry.id > sinceId) &&
      (sinceTime === undefined || Date.parse(entry.time) >= sinceTime),
  };
}

/**
 * A journal entry as a HAR exchange: the journal keeps a summary of each request (never the image, never the
 * token), so the bodies are that summary, said in the entry's comment.
 */
function harExchangeOf(entry: JournalEntry): HarExchange {
  const headers = entry.headers ?? {};
  const request: Record<string, unknown> = {};
  if (entry.userId !== undefined) request.userId = entry.userId;
  if (entry.region !== undefined) request.region = entry.region;
  if (entry.faceImageKind !== undefined)
    request.faceImage = { kind: entry.faceImageKind, length: entry.faceImageLength, ...(entry.image ? { image: entry.image } : {}) };
  const { outcome, stage, source, fault, rule, detail, violations } = entry;
  return {
    startedDateTime: entry.time,
    time: entry.latencyMs,
    method: entry.method,
    url: /^https?:\/\//.test(entry.path) ? entry.path : `http://${headers.host ?? 'localhost'}${entry.path}`,
    requestHeaders: headers,
    ...(entry.method === 'POST' ? { requestBody: { mimeType: 'application/json', text: JSON.stringify(request) } } : {}),
    status: entry.status,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: { mimeType: 'application/json', text: JSON.stringify({ outcome, stage, source, fault, rule, detail, violations }) },
    comment: `journal entry ${entry.id}: the request and the answer as the journal summarises them (no image, no token)`,
  };
}

/** Verification (WireMock's verify) and outcome coverage, over what the responder recorded. */
export const verificationRoutes: AdminRoute[] = [
  {
    path: '/__admin/requests',
    methods: {
      GET: async (request, _params, context) => {
        const filter = filterOf(request.query);
        if (!filter.ok) return jsonAnswer(400, { errors: filter.errors });
        const { requests, dropped } = await context.journal.list();
        const kept = requests.filter(filter.keep);
        if (new URLSearchParams(request.query ?? '').get('format') === 'har')
          return jsonAnswer(200, harLog(kept.map(harExchangeOf), { name: 'face-enroll-mock journal', version: '1' }));
        return jsonAnswer(200, { requests: kept, dropped });
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
    methods: {
      GET: (request, _params, context) => {
        const params = new URLSearchParams(request.query ?? '');
        const errors: string[] = [];
        for (const key of new Set(params.keys()))
          if (key !== 'operation' && key !== 'adminToken')
            errors.push(`GET /__admin/coverage: unknown filter \`${keptText(key, 64)}\`. Filters: operation`);
        const operation = params.get('operation') ?? undefined;
        const { operations } = context.coverage;
        if (operation !== undefined && !operations.includes(operation)) {
          const nearest = suggestName(operation, operations);
          errors.push(
            `GET /__admin/coverage: unknown operation \`${keptText(operation, 64)}\`${nearest ? `: did you mean \`${nearest}\`?` : ''} Operations: ${operations.join(', ')}`,
          );
        }
        if (errors.length) return jsonAnswer(400, { errors });
        return jsonAnswer(200, context.coverage.report(operation));
      },
    },
  },
];
