// The contract runner's schema check is the one the tests use too.
export { envelopeErrors } from '../../src/contract/envelope-errors.js';
