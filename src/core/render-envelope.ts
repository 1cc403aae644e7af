import type { components } from '../generated/openapi.js';
import { outcomes, type OutcomeName } from './outcome-catalog.js';

export type EnrollResponse = components['schemas']['EnrollResponse'];

/**
 * Renders the vendor's envelope for a named outcome: code and message come from the spec's example of that
 * name, so a message text lives in exactly one place (spec/openapi.yaml).
 */
export function renderEnvelope(name: OutcomeName, transactionId: string, extra: string | null = null): EnrollResponse {
  const { code, message } = outcomes[name];
  return { code, message, data: null, extra, transactionId, pricingStrategy: 'FREE' };
}
