import { tokenPath } from '../generated/outcomes.js';
import { jsonAnswer } from './answer.js';
import type { Operation } from './operation.js';

/** Token Authentication: the token core's verdict (docs/vendor-api.md#token-authentication-api). */
export const tokenOperation: Operation = {
  path: tokenPath,
  async respond(request, context, options, started) {
    const decision = options.forceToken
      ? await context.tokens.outcome(options.forceToken)
      : await context.tokens.decide(request.bodyText ?? '');
    const rendered = jsonAnswer(decision.status, decision.envelope);
    const shape = `${decision.status} ${decision.outcome}`;
    const { answer, violations } = context.validated(tokenPath, rendered, decision.envelope, shape, decision.envelope.transactionId);
    const latencyMs = context.elapsed(started);
    return { answer, log: { outcome: decision.outcome, status: decision.status, latencyMs, ...(violations.length ? { violations } : {}) } };
  },
};
