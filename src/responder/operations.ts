import { enrollOperation } from './enroll-operation.js';
import type { Operation } from './operation.js';
import { tokenOperation } from './token-operation.js';

/** Every operation of the API the responder answers (all POST), by path. Add an operation here. */
export const operations: ReadonlyMap<string, Operation> = new Map([enrollOperation, tokenOperation].map((op) => [op.path, op]));

/** The paths the responder answers: the proxy routes by the same list. */
export const operationPaths: ReadonlySet<string> = new Set(operations.keys());
