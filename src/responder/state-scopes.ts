import { normalizeHeaders, type HeadersInput } from '../core/http/normalize-headers.js';
import type { RuleBook, ScopedRules } from '../core/rules/create-rule-book.js';
import { NAMESPACE_PATTERN, type MockState } from '../state/mock-state.js';
import { jsonAnswer, type HttpAnswer } from './answer.js';
import { operationEnvelopeAnswer } from './operation-envelope.js';

/** The state one request works on (its namespace's, or the root's), with the file's rules joined to its own. */
export interface StateScope {
  state: MockState;
  /** The namespace's runtime rules and counts, with the file's rules. */
  rules: ScopedRules;
}

export const NAMESPACE_HEADER = 'x-mock-namespace';

/**
 * Picks each request's state by its X-Mock-Namespace header (docs/deployment.md): without one, the port's root;
 * with one, `state.namespace(name)`, so CI jobs sharing one deployment do not see each other. The port owns
 * its namespaces (making, bounding and evicting them), whichever backend it is: nothing here asks which.
 */
export function createStateScopes(state: MockState, ruleBook: RuleBook) {
  const scope = (of: MockState): StateScope => ({ state: of, rules: ruleBook.scope(of.rules) });
  const root = scope(state);
  return {
    root,
    /** The request's scope, or why its X-Mock-Namespace is refused. */
    forRequest(headers: HeadersInput | undefined): StateScope | { error: string } {
      const name = normalizeHeaders(headers)[NAMESPACE_HEADER];
      if (name === undefined || name === '') return root;
      if (!NAMESPACE_PATTERN.test(name))
        return {
          error: `X-Mock-Namespace ${JSON.stringify(name.slice(0, 80))} must be 1 to 64 of A-Z a-z 0-9 . _ - (one name per CI job)`,
        };
      return scope(state.namespace(name));
    },
  };
}

/**
 * What a request gets when the shared store fails (Redis gone): each API operation its own ERROR envelope (its
 * catalog status; Generate URL and Get Result without pricingStrategy), with why in `extra`; the admin API and
 * the mock's own pages a 503. Never a crash.
 */
export function stateFailureAnswer(path: string, error: unknown, transactionId: string): HttpAnswer {
  const why = `the shared store failed: ${(error as Error)?.message ?? String(error)}`.slice(0, 300);
  if (path.startsWith('/__admin/') || path.startsWith('/__mock/')) return jsonAnswer(503, { error: why }, { 'retry-after': '1' });
  return operationEnvelopeAnswer(path, 'ERROR', why, transactionId);
}
