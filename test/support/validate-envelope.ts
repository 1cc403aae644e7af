import { Ajv2020 } from 'ajv/dist/2020.js';
import { enrollResponseSchema } from '../../src/generated/schemas.js';

const ajv = new Ajv2020({ allErrors: true, strict: false, formats: { int64: true } });
const validate = ajv.compile(enrollResponseSchema);

/** Errors of `body` against the spec's EnrollResponse schema, empty when it conforms. */
export function envelopeErrors(body: unknown): string[] {
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
