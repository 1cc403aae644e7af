import { bypass, delay, http, HttpResponse, type HttpHandler } from 'msw';
import { createEnrollCore, type EnrollCoreOptions, type EnrollDecision, type Fault } from '../src/core/create-enroll-core.js';
import { gatewayPage } from '../src/core/gateway-page.js';
import { createTokenCore, type AccessKeyPair } from '../src/core/create-token-core.js';
import type { OutcomeName } from '../src/core/outcome-catalog.js';
import { validateRules as parseRules, type Rule, type RulesFile } from '../src/core/rules/validate-rules.js';
import { createEnrollmentStore, type EnrollmentStore } from '../src/state/enrollment-store.js';
import { defaultRules } from '../src/generated/default-rules.js';
import { enrollPath, tokenPath } from '../src/generated/outcomes.js';
import { vendorBaseUrls } from './vendor-base-urls.js';

export interface EnrollMockOptions extends Omit<EnrollCoreOptions, 'rules' | 'requireToken'> {
  /**
   * true (default): a missing or empty X-ACCESS-TOKEN answers IAM_FAILED, any other is accepted.
   * 'issued': only unexpired tokens this mock issued (generate-token) are accepted. false: no check.
   */
  requireToken?: boolean | 'issued';
  /** Access key pairs the token endpoint accepts. Default: test-access-key / test-secret-key. */
  keys?: readonly AccessKeyPair[];
  /**
   * Where the enroll path is answered: absolute origins (`http://localhost:3000`), a path prefix of your own
   * proxy (`/api/advance`, relative to the page in a browser), or `*` for any origin. Default: the vendor hosts
   * and the page's own origin.
   */
  baseUrls?: readonly string[];
  /** Fixture rules as an object; `false` for none. Default: the kit's fixtures/rules.yaml. */
  rules?: RulesFile | readonly Rule[] | false;
  /** Share one store between several mocks (or with your test). Default: a new store. */
  store?: EnrollmentStore;
  /** Called with every decision, after the state change and before the answer (logging, assertions). */
  onDecision?: (decision: EnrollDecision, request: Request) => void;
}

export interface OnceOption {
  /** Answer only the next matching request (default true), like MSW's `{ once: true }`. */
  once?: boolean;
}

export interface EnrollMock {
  /** Request handlers for setupServer / setupWorker: enroll and generate-token on every base URL. */
  handlers: HttpHandler[];
  /** The enrolled state: seed, read and reset it from tests. */
  store: EnrollmentStore;
  /** A handler that answers the named outcome (rendered and stored as usual). `server.use(mock.outcome('ERROR'))`. */
  outcome(name: OutcomeName, options?: OnceOption): HttpHandler;
  /** A handler that turns the next enroll into a network error (`HttpResponse.error()`). */
  networkError(options?: OnceOption): HttpHandler;
  /** A handler that delays the next enroll by `ms`, then lets the regular handlers answer it. */
  delay(ms: number, options?: OnceOption): HttpHandler;
}

/** The MSW adapter: thin translation from Fetch Request/Response to the decision core and the store. */
export function createEnrollMock(options: EnrollMockOptions = {}): EnrollMock {
  const rules = resolveRules(options.rules);
  const store = options.store ?? createEnrollmentStore();
  const tokens = createTokenCore({
    ...(options.keys ? { keys: options.keys } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const core = createEnrollCore({
    ...options,
    requireToken: options.requireToken !== false,
    ...(options.requireToken === 'issued' ? { verifyToken: tokens.verify } : {}),
    rules,
    // The image download must leave the mock: bypass keeps MSW from intercepting its own fetch.
    image: { ...options.image, download: { fetch: (request) => fetch(bypass(request)), ...options.image?.download } },
  });
  const bases = options.baseUrls ?? [...vendorBaseUrls, ''];
  const at = (path: string) => bases.map((base) => (base === '*' ? `*${path}` : `${base.replace(/\/$/, '')}${path}`));
  const urls = at(enrollPath);
  const tokenHandlers = at(tokenPath).map((url) =>
    http.post(url, async ({ request }) => {
      const decision = await tokens.decide(await request.text());
      return HttpResponse.json(decision.envelope, { status: decision.status });
    }),
  );

  const answer =
    (force?: OutcomeName) =>
    async ({ request }: { request: Request }) => {
      const bodyText = await request.text();
      const decision = await core.decide({ headers: request.headers, bodyText }, { force });
      if (decision.delayMs > 0) await delay(decision.delayMs);
      options.onDecision?.(decision, request);
      if (decision.fault) return faultResponse(decision.fault);
      if (decision.enrollment) await store.add(decision.enrollment);
      return HttpResponse.json(decision.envelope, { status: decision.status, ...(decision.headers ? { headers: decision.headers } : {}) });
    };
  const on = (resolver: Parameters<typeof http.post>[1], once: boolean) => urls.map((url) => http.post(url, resolver, { once }));
  // One handler per URL would make `once` per URL; a single handler with a predicate keeps `once` global.
  const onAny = (resolver: Parameters<typeof http.post>[1], once: boolean): HttpHandler => {
    let used = false;
    return http.post(`*${enrollPath}`, async (info) => {
      if ((once && used) || !urls.some((url) => matches(url, info.request.url))) return undefined;
      used = true;
      return resolver(info);
    });
  };

  return {
    handlers: [...on(answer(), false), ...tokenHandlers],
    store,
    outcome: (name, { once = true } = {}) => onAny(answer(name), once),
    networkError: ({ once = true } = {}) => onAny(() => HttpResponse.error(), once),
    delay: (ms, { once = true } = {}) =>
      onAny(async () => {
        await delay(ms);
        return undefined;
      }, once),
  };
}

/** The transport faults, as MSW can express them: a network error, a hang, a broken body, a gateway page. */
async function faultResponse(fault: Fault): Promise<Response> {
  if (fault === 'reset') return HttpResponse.error();
  if (fault === 'hang') {
    await delay('infinite');
    return HttpResponse.error();
  }
  if (fault === 'malformed')
    return new HttpResponse('{"code":"SUCCESS","message":"OK","data":nu', { headers: { 'content-type': 'application/json' } });
  const status = fault === 'gateway-502' ? 502 : 504;
  return new HttpResponse(gatewayPage(status), { status, headers: { 'content-type': 'text/html' } });
}

function matches(pattern: string, requestUrl: string): boolean {
  if (pattern.startsWith('*')) return true;
  const url = new URL(requestUrl);
  const absolute = /^https?:\/\//.test(pattern)
    ? pattern
    : `${globalThis.location?.origin ?? url.origin}${pattern.startsWith('/') ? '' : '/'}${pattern}`;
  return url.origin + url.pathname === absolute;
}

function resolveRules(rules: EnrollMockOptions['rules']): Rule[] {
  if (rules === false) return [];
  const value = rules === undefined ? defaultRules : Array.isArray(rules) ? { rules } : rules;
  const parsed = parseRules(value, rules === undefined ? 'fixtures/rules.yaml' : 'createHandlers({ rules })');
  if (!parsed.ok) {
    throw new Error(
      `face-enroll-mock: the fixture rules are invalid:\n  ${parsed.errors.join('\n  ')}\nFix the rules, or pass rules: false.`,
    );
  }
  return parsed.rules;
}
