import { enrollOperation } from './enroll-operation.js';
import type { Operation } from './operation.js';
import { tokenOperation } from './token-operation.js';
import { deleteEnrollOperation } from './journey/delete-enroll-operation.js';
import { generateUrlOperation } from './journey/generate-url-operation.js';
import { getEnrollOperation } from './journey/get-enroll-operation.js';
import { getResultOperation } from './journey/get-result-operation.js';

/** Every operation of the API the responder answers (all POST), by path. Add an operation here. */
export const operations: ReadonlyMap<string, Operation> = new Map(
  [enrollOperation, tokenOperation, getEnrollOperation, deleteEnrollOperation, generateUrlOperation, getResultOperation].map((op) => [
    op.path,
    op,
  ]),
);

/** The paths the responder answers: the proxy routes by the same list. */
export const operationPaths: ReadonlySet<string> = new Set(operations.keys());
