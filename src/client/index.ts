export {
  createEnrollClient,
  type EnrollClient,
  type EnrollClientOptions,
  type EnrollBody,
  type ClientResult,
  type TransportFailure,
  type AccessToken,
} from './create-enroll-client.js';
