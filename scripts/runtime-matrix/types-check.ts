// Type-checked (tsc, skipLibCheck off) in a temp project by scripts/runtime-matrix.sh, against the msw it installs:
// the kit's declarations must agree with that msw's types. Not run.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { createEnrollMock, createHandlers, enrollOutcome, handlers, type EnrollMock } from 'face-enroll-mock/node';
import { parseRules, validateRules, type Rule } from 'face-enroll-mock';

const rules: Rule[] = [{ match: { userId: { prefix: 'x-' } }, outcome: 'ERROR' }];
const mock: EnrollMock = createEnrollMock({ rules, seed: 1 });
const mine: HttpHandler[] = [...createHandlers({ rules: false }), ...mock.handlers, http.get('/x', () => HttpResponse.json({}))];
const server = setupServer(...handlers, ...mine);
server.use(enrollOutcome('REGION_WRONG'), mock.outcome('ERROR', { once: false }), mock.delay(10), mock.networkError());
const parsed = parseRules('rules: []', 'inline');
const validated = validateRules({ rules }, 'object');
export const checked = [parsed.ok, validated.ok, mock.store] as const;
