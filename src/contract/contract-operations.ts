import { outcomes } from '../core/envelope/outcome-catalog.js';
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
} from '../generated/outcomes.js';
import { enrollResponseSchema, journeyResponseSchemas } from '../generated/schemas.js';
import { envelopeErrors, schemaErrors } from './envelope-errors.js';

type Catalog = Readonly<Record<string, { status: number; code: string; message: string; knownVariants: readonly string[] }>>;

/** What the contract needs of an operation: where it is, its named examples (with known variants), its schema. */
export interface ContractOperationInfo {
  path: string;
  catalog: Catalog;
  /** The answer's schema, as generated: the judge walks it for fields it does not describe (additive-fields.ts). */
  schema: object;
  schemaErrors(body: unknown): string[];
}

const journey = (path: keyof typeof journeyResponseSchemas, catalog: Catalog): ContractOperationInfo => ({
  path,
  catalog,
  schema: journeyResponseSchemas[path],
  schemaErrors: (body) => schemaErrors(journeyResponseSchemas[path], body),
});

/** The operations the case table names (`operation:`), Save Enroll when a case names none. */
export const contractOperations = {
  enroll: { path: enrollPath, catalog: outcomes, schema: enrollResponseSchema, schemaErrors: envelopeErrors },
  'get-enroll': journey(getEnrollPath, getEnrollOutcomes),
  'delete-enroll': journey(deleteEnrollPath, deleteEnrollOutcomes),
  'generate-url': journey(generateUrlPath, generateUrlOutcomes),
  'get-result': journey(getResultPath, getResultOutcomes),
} satisfies Record<string, ContractOperationInfo>;

export type ContractOperation = keyof typeof contractOperations;

export const isContractOperation = (name: unknown): name is ContractOperation =>
  typeof name === 'string' && Object.hasOwn(contractOperations, name);
