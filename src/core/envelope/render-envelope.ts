import type { components } from '../../generated/openapi.js';
import { enrollPath } from '../../generated/outcomes.js';
import { operationCatalogs } from './operation-catalogs.js';
import type { OutcomeName } from './outcome-catalog.js';

export type EnrollResponse = components['schemas']['EnrollResponse'];

/** Any operation's envelope: `pricingStrategy` only where its schema has one. */
export interface OperationEnvelope {
  code: string;
  message: string;
  data: unknown;
  extra: string | null;
  transactionId: string;
  pricingStrategy?: 'FREE';
}

/** An envelope with the status and headers its example documents. */
export interface RenderedEnvelope {
  status: number;
  headers: Record<string, string>;
  envelope: OperationEnvelope;
}

/**
 * The one renderer of the vendor's envelope, for every operation and every answer the kit gives in it (the
 * operations', the server's busy and unreadable-body answers, the shared store's failure, the last resort): code,
 * message, status and headers come from the spec's example of that name for the operation at `path`, so a
 * message text lives in exactly one place (spec/openapi.yaml). A path no operation has gets Save Enroll's
 * catalog; a name the operation does not document (ERROR on generate-token, which has no such example) gets
 * Save Enroll's example of it in the operation's own envelope shape.
 */
export function renderOperationEnvelope(
  path: string,
  name: string,
  transactionId: string,
  extra: string | null = null,
  data: unknown = null,
): RenderedEnvelope {
  const enroll = operationCatalogs.get(enrollPath)!;
  const { catalog, pricing } = operationCatalogs.get(path) ?? enroll;
  const example = catalog[name] ?? enroll.catalog[name] ?? enroll.catalog.ERROR!;
  return {
    status: example.status,
    headers: { ...example.headers },
    envelope: { code: example.code, message: example.message, data, extra, transactionId, ...(pricing ? { pricingStrategy: 'FREE' } : {}) },
  };
}

/** Save Enroll's envelope for a named outcome (the renderer above, at Save Enroll's path). */
export function renderEnvelope(name: OutcomeName, transactionId: string, extra: string | null = null): EnrollResponse {
  return renderOperationEnvelope(enrollPath, name, transactionId, extra).envelope as EnrollResponse;
}
