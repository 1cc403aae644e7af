import { operationCatalogs, type OperationCatalog } from '../core/envelope/operation-catalogs.js';
import { deleteEnrollPath, enrollPath, generateUrlPath, getEnrollPath, getResultPath } from '../generated/outcomes.js';
import { enrollResponseSchema, journeyResponseSchemas } from '../generated/schemas.js';
import { envelopeErrors, schemaErrors } from './envelope-errors.js';

/** What the contract needs of an operation: where it is, its named examples (with known variants), its schema. */
export interface ContractOperationInfo {
  path: string;
  catalog: OperationCatalog;
  /** The answer's schema, as generated: the judge walks it for fields it does not describe (additive-fields.ts). */
  schema: object;
  schemaErrors(body: unknown): string[];
}

/** An operation's catalog: the one table of catalogs by path (core/operation-catalogs.ts). */
const catalogAt = (path: string): OperationCatalog => operationCatalogs.get(path)!.catalog;

const journey = (path: keyof typeof journeyResponseSchemas): ContractOperationInfo => ({
  path,
  catalog: catalogAt(path),
  schema: journeyResponseSchemas[path],
  schemaErrors: (body) => schemaErrors(journeyResponseSchemas[path], body),
});

/** The operations the case table names (`operation:`), Save Enroll when a case names none. */
export const contractOperations = {
  enroll: { path: enrollPath, catalog: catalogAt(enrollPath), schema: enrollResponseSchema, schemaErrors: envelopeErrors },
  'get-enroll': journey(getEnrollPath),
  'delete-enroll': journey(deleteEnrollPath),
  'generate-url': journey(generateUrlPath),
  'get-result': journey(getResultPath),
} satisfies Record<string, ContractOperationInfo>;

export type ContractOperation = keyof typeof contractOperations;

export const isContractOperation = (name: unknown): name is ContractOperation =>
  typeof name === 'string' && Object.hasOwn(contractOperations, name);
