import {
  deleteEnrollOutcomes,
  deleteEnrollPath,
  enrollPath,
  generateUrlOutcomes,
  generateUrlPath,
  getEnrollOutcomes,
  getEnrollPath,
  getResultOutcomes,
  getResultPath,
  outcomes,
  tokenOutcomes,
  tokenPath,
} from '../../generated/outcomes.js';

/** An operation's named examples, as the generated catalogs give them. */
export type OperationCatalog = Readonly<
  Record<
    string,
    { status: number; code: string; message: string; headers: Readonly<Record<string, string>>; knownVariants: readonly string[] }
  >
>;

/**
 * Every operation's catalog by its path, and whether its envelope carries `pricingStrategy` (its schema's
 * choice: the token, Generate URL and Get Result envelopes have none). One table for what reads examples by path:
 * the server's own answers (busy, tiny pieces), the `--spec` check, the contract.
 */
export const operationCatalogs: ReadonlyMap<string, { catalog: OperationCatalog; pricing: boolean }> = new Map([
  [enrollPath, { catalog: outcomes, pricing: true }],
  [tokenPath, { catalog: tokenOutcomes, pricing: false }],
  [getEnrollPath, { catalog: getEnrollOutcomes, pricing: true }],
  [deleteEnrollPath, { catalog: deleteEnrollOutcomes, pricing: true }],
  [generateUrlPath, { catalog: generateUrlOutcomes, pricing: false }],
  [getResultPath, { catalog: getResultOutcomes, pricing: false }],
]);
