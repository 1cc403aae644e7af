export {
  createEnrollClient,
  type EnrollClient,
  type EnrollClientOptions,
  type EnrollBody,
  type ClientResult,
} from './create-enroll-client.js';
