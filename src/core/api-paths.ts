import { deleteEnrollPath, enrollPath, generateUrlPath, getEnrollPath, getResultPath, tokenPath } from '../generated/outcomes.js';

/**
 * Every operation's path, keyed by its spec operationId (the name the journal and coverage give it), for your
 * own handlers and for `enrollFault(name, { path: apiPaths.getResult })`. All are POST.
 */
export const apiPaths = {
  saveEnroll: enrollPath,
  generateToken: tokenPath,
  getEnroll: getEnrollPath,
  deleteEnroll: deleteEnrollPath,
  generateFaceAuthenticationUrl: generateUrlPath,
  getResult: getResultPath,
} as const;
