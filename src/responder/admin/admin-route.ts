import type { Rule } from '../../core/rules/parse-rules.js';
import type { AuthenticationStore } from '../../state/authentication-store.js';
import type { EnrollmentStore } from '../../state/enrollment-store.js';
import type { Completion, CompletionOutcome } from '../journey/complete-authentication.js';
import type { HttpAnswer } from '../answer.js';
import type { Journal } from '../create-journal.js';
import type { PlainRequest } from '../operation.js';

/** What admin endpoints may read and change. */
export interface AdminContext {
  store: EnrollmentStore;
  journal: Journal;
  rules: () => readonly Rule[];
  startedAt: number;
  authentications: AuthenticationStore;
  /** Ends an authentication as the H5 page does (callback included). */
  complete(signatureId: string, completion: Completion): Promise<CompletionOutcome>;
}

type Handler = (request: PlainRequest, params: Record<string, string>, context: AdminContext) => HttpAnswer | Promise<HttpAnswer>;

/** One admin path (spec/admin.yaml): `{name}` segments become params; one handler per method. */
export interface AdminRoute {
  path: string;
  methods: Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handler>>;
}
