import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { enrollResponseSchema, tokenResponseSchema } from '../generated/schemas.js';

const ajv = new Ajv2020({ allErrors: true, strict: false, formats: { int64: true } });
const validateEnroll = ajv.compile(enrollResponseSchema);
const validateToken = ajv.compile(tokenResponseSchema);

const errorsOf = (validate: ValidateFunction, body: unknown) =>
  validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);

/** Errors of `body` against the spec's EnrollResponse schema, empty when it conforms. */
export function envelopeErrors(body: unknown): string[] {
  return errorsOf(validateEnroll, body);
}

/** Errors of `body` against the spec's TokenResponse schema, empty when it conforms. */
export function tokenEnvelopeErrors(body: unknown): string[] {
  return errorsOf(validateToken, body);
}

const compiled = new Map<object, ValidateFunction>();

/** Errors of `body` against a generated response schema (the journey's), compiled once per schema. */
export function schemaErrors(schema: object, body: unknown): string[] {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return errorsOf(validate, body);
}
